/**
 * What the rules decided, in plain words. The server explains every condition of a rule as a sentence
 * with the value it read (`text`, built from the ruleset's content: a condition's template, its name,
 * the declared fact's title and unit), whether it held (`result`) and whether it decided the outcome
 * (`decisive`); here each condition reads as that sentence with a mark that never relies on colour
 * alone, decisive ones first, then those that hold, then the rest.
 *
 * - `ConditionList`: one rule's (or programme's) conditions.
 * - `ExplanationView`: an explanation as `POST /api/rulesets/{id}/evaluate` answers it (also the
 *   studio's simulator): each rule with whether it applies and its conditions.
 * - `RuleExplanation`: why the rules refused a change (422 `blocked_by_rules`, the explanation in the
 *   error's `details`, one entry per rule).
 * - `SubmissionDecisions`: what the rules decided on a submission, by ruleset title.
 */
import { useId } from 'react';
import { ApiError } from '../../shared/api-client';
import { PRIORITY_LABELS, useLabel } from '../../shared/case-labels';
import { getLanguage, useTexts } from '../../shared/i18n/language';
import { type DecisionKey, decisionTexts } from './decision-texts';

/** One condition as a person reads it. */
export interface ConditionView {
  text: string;
  result: boolean;
  decisive: boolean;
  withheld: boolean;
}

/** One rule of an explanation as a person reads it. */
export interface ExplainedRuleView {
  rule: string;
  rulesetId: string;
  rulesetTitle: string | undefined;
  fired: boolean;
  eventType: string | undefined;
  params: Record<string, unknown>;
  conditions: ConditionView[];
}

export interface Refusal {
  message: string;
  rules: ExplainedRuleView[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Say = (key: DecisionKey) => string;
/** The texts in the language chosen now (for parsing outside a component). */
const sayNow: Say = (key) => decisionTexts(getLanguage(), key);

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A value read by a rule, for an explanation that came without sentences. */
function plainValue(value: unknown, say: Say): string {
  if (value === null || value === undefined || value === '') return say('value.empty');
  if (typeof value === 'boolean') return say(value ? 'value.yes' : 'value.no');
  if (Array.isArray(value)) return value.map((item) => plainValue(item, say)).join(', ');
  if (typeof value === 'object') return say('value.empty');
  return String(value);
}

/** A condition of the server's explanation; undefined when it is not one. */
export function conditionOf(value: unknown, say: Say = sayNow): ConditionView | undefined {
  if (!isRecord(value) || typeof value.result !== 'boolean') return undefined;
  const withheld = value.withheld === true;
  const text =
    nonEmpty(withheld ? value.statement : value.text) ??
    nonEmpty(value.text) ??
    `${nonEmpty(value.name) ?? nonEmpty(value.fact) ?? ''}: ${plainValue(value.factValue, say)}`;
  return { text, result: value.result, decisive: value.decisive === true, withheld };
}

const rank = (condition: ConditionView) => (condition.decisive ? 0 : condition.result ? 1 : 2);

/** Decisive first, then those that hold, then the rest; a sentence said twice is kept once. */
export function inReadingOrder(conditions: readonly ConditionView[]): ConditionView[] {
  const byText = new Map<string, ConditionView>();
  for (const condition of conditions) {
    const seen = byText.get(condition.text);
    if (!seen || rank(condition) < rank(seen)) byText.set(condition.text, condition);
  }
  return [...byText.values()].sort((a, b) => rank(a) - rank(b));
}

/** One rule of the server's explanation; undefined when it is not one. */
export function explainedRuleOf(value: unknown, say: Say = sayNow): ExplainedRuleView | undefined {
  if (!isRecord(value) || typeof value.rule !== 'string') return undefined;
  const event = isRecord(value.event) ? value.event : {};
  return {
    rule: value.rule,
    rulesetId: typeof value.rulesetId === 'string' ? value.rulesetId : '',
    rulesetTitle: nonEmpty(value.rulesetTitle),
    fired: value.fired === true,
    eventType: typeof event.type === 'string' ? event.type : undefined,
    params: isRecord(event.params) ? event.params : {},
    conditions: Array.isArray(value.conditions)
      ? value.conditions.map((condition) => conditionOf(condition, say)).filter((c) => c !== undefined)
      : [],
  };
}

/** The refusal in a `blocked_by_rules` error, or undefined for any other error. */
export function refusalOf(error: unknown, say: Say = sayNow): Refusal | undefined {
  if (!(error instanceof ApiError) || error.code !== 'blocked_by_rules') return undefined;
  // The details carry more than {path, message}: the whole rule explanation.
  const details: readonly unknown[] = error.details;
  return {
    message: error.message,
    rules: details.map((detail) => explainedRuleOf(detail, say)).filter((rule) => rule !== undefined),
  };
}

/** The conditions of a rule or a programme, each a sentence with its mark. */
export function ConditionList({ conditions }: { conditions: readonly ConditionView[] }) {
  const { t } = useTexts(decisionTexts);
  return (
    <ul className="conditions">
      {inReadingOrder(conditions).map((condition) => (
        <li
          key={condition.text}
          className={condition.result ? 'condition condition-met' : 'condition condition-unmet'}
        >
          <span className="condition-mark" aria-hidden="true">
            {condition.result ? '✓' : '✗'}
          </span>
          <span className="condition-text">
            <span className="sr-only">{condition.result ? t('condition.met') : t('condition.unmet')}: </span>
            {condition.text}
            {condition.withheld ? <span className="meta"> ({t('condition.withheld')})</span> : null}{' '}
            {condition.decisive ? <span className="tag">{t('condition.decisive')}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * An explanation as `POST /api/rulesets/{id}/evaluate` answers it (`explanation`: the server's rules
 * with their conditions, as received): each rule by name, whether it applies, its conditions in
 * reading order. Rules that applied come first.
 */
export function ExplanationView({ explanation }: { explanation: unknown }) {
  const { t } = useTexts(decisionTexts);
  const ids = useId();
  const rules = (Array.isArray(explanation) ? explanation : [])
    .map((rule) => explainedRuleOf(rule, (key) => t(key)))
    .filter((rule) => rule !== undefined)
    .sort((a, b) => Number(b.fired) - Number(a.fired));
  if (rules.length === 0) return <p className="muted">{t('rules.noRules')}</p>;
  return (
    <ul className="rule-list">
      {rules.map((rule, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules are listed in the ruleset's order and named uniquely there
        <li key={`${rule.rule}:${index}`} aria-labelledby={`${ids}-${index}`}>
          <p id={`${ids}-${index}`} className="rule-name">
            <strong>{rule.rule}</strong>{' '}
            <span className={rule.fired ? 'badge badge-yes' : 'badge badge-no'}>
              {rule.fired ? t('rules.fired') : t('rules.notFired')}
            </span>
          </p>
          <ConditionList conditions={rule.conditions} />
        </li>
      ))}
    </ul>
  );
}

export function RuleExplanation({
  refusal,
  fieldTitle,
}: {
  refusal: Refusal;
  /** The title of a piece of data a rule says is missing (its event's `kurang`), when it has one. */
  fieldTitle?: (name: unknown) => string | undefined;
}) {
  const { t } = useTexts(decisionTexts);
  return (
    <div role="alert" className="alert alert-error rule-explanation">
      <p>
        <strong>{refusal.message}</strong>
      </p>
      <ul className="rules">
        {refusal.rules.map((rule) => {
          const missing = fieldTitle?.(rule.params.kurang);
          const refuses = rule.eventType?.endsWith('-ditolak') ?? false;
          return (
            <li key={`${rule.rulesetId}:${rule.rule}`}>
              <p>
                {t(!rule.fired ? 'rules.didNotApply' : refuses ? 'rules.refused' : 'rules.applied', {
                  rule: rule.rule,
                })}
              </p>
              {missing && rule.fired ? <p>{t('rules.missing', { field: missing })}</p> : null}
              {rule.conditions.length > 0 ? (
                <>
                  <p>{t('rules.because')}</p>
                  <ConditionList conditions={rule.conditions} />
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A decision as a submission's answer carries it: the ruleset, its title, the events that fired. */
export interface DecisionSummary {
  rulesetId: string;
  title?: string;
  version: number;
  events: readonly unknown[];
}

/** An event as a person reads it: a programme by title, a priority in words, else what it says. */
function EventText({ event: raw }: { event: unknown }) {
  const { t } = useTexts(decisionTexts);
  const label = useLabel();
  const event = isRecord(raw) && typeof raw.type === 'string' ? { type: raw.type } : { type: '' };
  const params = isRecord(raw) && isRecord(raw.params) ? raw.params : {};
  const said = nonEmpty(params.title) ?? nonEmpty(params.program);
  if (event.type === 'eligible' || (said && typeof params.program === 'string')) {
    return <>{t('submission.eligible', { programme: said ?? event.type })}</>;
  }
  if (typeof params.level === 'string' && nonEmpty(params.reason)) {
    const hours = typeof params.responseHours === 'number' ? params.responseHours : undefined;
    const text = t('submission.priority', {
      level: label(PRIORITY_LABELS, params.level),
      reason: String(params.reason),
    });
    return <>{hours === undefined ? text : `${text} (${t('submission.respondWithin', { hours })})`}</>;
  }
  const reason = nonEmpty(params.alasan) ?? nonEmpty(params.reason) ?? nonEmpty(params.title);
  const type = event.type.replaceAll('-', ' ');
  return <>{reason ? `${type.charAt(0).toUpperCase()}${type.slice(1)}: ${reason}` : type}</>;
}

/** What the rules decided on a submission, ruleset by ruleset (by title). */
export function SubmissionDecisions({ decisions }: { decisions: readonly DecisionSummary[] }) {
  const { t } = useTexts(decisionTexts);
  const ids = useId();
  return (
    <section className="decisions" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('submission.title')}</h3>
      {decisions.length === 0 ? (
        <p className="muted">{t('submission.none')}</p>
      ) : (
        <ul className="plain-list">
          {decisions.map((decision) => (
            <li key={decision.rulesetId}>
              <strong>{decision.title ?? decision.rulesetId.replaceAll('-', ' ')}</strong>
              {decision.events.length === 0 ? (
                <p className="muted">{t('submission.nothing')}</p>
              ) : (
                <ul>
                  {decision.events.map((event, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: events have no identity; their order is the rules'
                    <li key={index}>
                      <EventText event={event} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
