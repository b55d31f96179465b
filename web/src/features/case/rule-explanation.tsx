/**
 * Why the rules refused a change (422 `blocked_by_rules`), in plain words: each rule that spoke, what
 * it decided, the data it says is missing, and each of its conditions with whether it held and the
 * value the rule read. The explanation travels in the error's `details` (one entry per rule).
 */
import { ApiError } from '../../shared/api-client';
import { useI18n } from '../../shared/i18n/language';

interface ExplainedCondition {
  name: string;
  result: boolean;
  value: unknown;
}

interface ExplainedRule {
  rule: string;
  rulesetId: string;
  version: number | undefined;
  fired: boolean;
  eventType: string | undefined;
  missing: unknown;
  conditions: ExplainedCondition[];
}

export interface Refusal {
  message: string;
  rules: ExplainedRule[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conditionOf(value: unknown): ExplainedCondition | undefined {
  if (!isRecord(value) || typeof value.result !== 'boolean') return undefined;
  const name =
    typeof value.name === 'string' ? value.name : typeof value.fact === 'string' ? value.fact : '?';
  return { name, result: value.result, value: value.factValue };
}

function ruleOf(value: unknown): ExplainedRule | undefined {
  if (!isRecord(value) || typeof value.rule !== 'string') return undefined;
  const event = isRecord(value.event) ? value.event : {};
  const params = isRecord(event.params) ? event.params : {};
  return {
    rule: value.rule,
    rulesetId: typeof value.rulesetId === 'string' ? value.rulesetId : '',
    version: typeof value.version === 'number' ? value.version : undefined,
    fired: value.fired === true,
    eventType: typeof event.type === 'string' ? event.type : undefined,
    missing: params.kurang,
    conditions: Array.isArray(value.conditions)
      ? value.conditions.map(conditionOf).filter((c) => c !== undefined)
      : [],
  };
}

/** The refusal in a `blocked_by_rules` error, or undefined for any other error. */
export function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof ApiError) || error.code !== 'blocked_by_rules') return undefined;
  // The details carry more than {path, message}: the whole rule explanation.
  const details: readonly unknown[] = error.details;
  return { message: error.message, rules: details.map(ruleOf).filter((rule) => rule !== undefined) };
}

function ValueRead({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined || value === '') return <>{t('rules.valueEmpty')}</>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <>{t('rules.valueRead', { value: text })}</>;
}

export function RuleExplanation({
  refusal,
  fieldTitle,
}: {
  refusal: Refusal;
  /** The title of a piece of data a rule says is missing (its event's `kurang`), when it has one. */
  fieldTitle?: (name: unknown) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <div role="alert" className="alert alert-error rule-explanation">
      <p>
        <strong>{refusal.message}</strong>
      </p>
      <ul className="rules">
        {refusal.rules.map((rule) => {
          const missing =
            fieldTitle?.(rule.missing) ?? (typeof rule.missing === 'string' ? rule.missing : undefined);
          const refuses = rule.eventType?.endsWith('-ditolak') ?? false;
          return (
            <li key={`${rule.rulesetId}:${rule.rule}`}>
              <p>
                {t(!rule.fired ? 'rules.didNotApply' : refuses ? 'rules.refused' : 'rules.applied', {
                  rule: rule.rule,
                  ruleset: rule.rulesetId,
                  version: rule.version ?? '?',
                })}
              </p>
              {missing && rule.fired ? <p>{t('rules.missing', { field: missing })}</p> : null}
              {rule.conditions.length > 0 ? (
                <>
                  <p>{t('rules.because')}</p>
                  <ul>
                    {rule.conditions.map((condition, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: conditions are in the rule's order and may repeat a name
                      <li key={index}>
                        {condition.name}:{' '}
                        <strong>{condition.result ? t('rules.holds') : t('rules.doesNotHold')}</strong>{' '}
                        <span className="meta">
                          (<ValueRead value={condition.value} />)
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
