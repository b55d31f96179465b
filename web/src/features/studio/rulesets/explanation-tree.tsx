/**
 * Why the rules decided as they did, as a tree: each rule, whether it fired and what it decides, and
 * under it its groups ("all of", "any of", "not") and conditions, each with whether it held, whether it
 * decided the outcome, the sentence the server wrote with the values, the value read and the value
 * compared with; a value from a field the administrator may not see is shown as withheld.
 */
import type { Lang } from '../../../shared/i18n/dictionary';
import { localeOf, useTexts } from '../../../shared/i18n/language';
import type { EventJson, ExplainedCondition, ExplainedRule, RuleJson, Withheld } from './api';
import { describeEvent, type EventWords } from './events';
import { type RulesKey, rulesKey, rulesTexts } from './texts';

type T = (key: RulesKey, params?: Record<string, string | number>) => string;
/** A condition as the server explains it; `text` is its sentence with the values, when the server writes one. */
type Explained = ExplainedCondition & Withheld & { text?: string };

/** A value as a person reads it: numbers and dates the local way, yes/no, lists, another fact by its name. */
export function valueInWords(value: unknown, t: T, lang: Lang, labelOf?: (fact: string) => string): string {
  if (value === null || value === undefined || value === '') return t('value.none');
  if (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { fact?: unknown }).fact === 'string'
  ) {
    const fact = (value as { fact: string }).fact;
    return t('value.fact', { fact: labelOf?.(fact) ?? fact });
  }
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'number')
    return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const date = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()))
        return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => valueInWords(item, t, lang, labelOf)).join(', ');
  return JSON.stringify(value);
}

function Leaf({
  condition,
  t,
  lang,
  labelOf,
}: {
  condition: Explained | undefined;
  t: T;
  lang: Lang;
  labelOf: ((fact: string) => string) | undefined;
}) {
  if (!condition) return <li className="rules-leaf">{t('tree.notEvaluated')}</li>;
  const held = condition.result;
  return (
    <li className={`rules-leaf ${held ? 'rules-held' : 'rules-failed'}`}>
      <span className={`badge ${held ? 'badge-yes' : 'badge-no'}`}>
        <span aria-hidden="true">{held ? '✓ ' : '✗ '}</span>
        {held ? t('tree.held') : t('tree.failed')}
      </span>
      {condition.decisive ? <span className="badge rules-decisive">{t('tree.decisive')}</span> : null}{' '}
      <span className="rules-sentence">{condition.text || condition.name || condition.fact}</span>
      <span className="rules-values">
        {condition.withheld ? (
          <span className="rules-withheld">{t('tree.withheld')}</span>
        ) : (
          t('tree.read', { value: valueInWords(condition.factValue, t, lang, labelOf) })
        )}
        {' · '}
        {t('tree.compared', { value: valueInWords(condition.value, t, lang, labelOf) })}
      </span>
    </li>
  );
}

/** Whether a node held, from its leaves' results. */
function outcome(node: unknown, at: string, byAt: ReadonlyMap<string, Explained>): boolean {
  if (!node || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if ('fact' in record) return byAt.get(at)?.result === true;
  if (Array.isArray(record.all))
    return record.all.every((child, i) => outcome(child, `${at}/all/${i}`, byAt));
  if (Array.isArray(record.any)) return record.any.some((child, i) => outcome(child, `${at}/any/${i}`, byAt));
  if (record.not) return !outcome(record.not, `${at}/not`, byAt);
  return false;
}

interface TreeContext {
  byAt: ReadonlyMap<string, Explained>;
  t: T;
  lang: Lang;
  labelOf: ((fact: string) => string) | undefined;
}

function Node({ node, at, tree }: { node: unknown; at: string; tree: TreeContext }) {
  const { byAt, t } = tree;
  if (!node || typeof node !== 'object') return null;
  const record = node as Record<string, unknown>;
  if ('fact' in record)
    return <Leaf condition={byAt.get(at)} t={t} lang={tree.lang} labelOf={tree.labelOf} />;
  const key = Array.isArray(record.all)
    ? 'all'
    : Array.isArray(record.any)
      ? 'any'
      : record.not
        ? 'not'
        : undefined;
  if (!key) return null;
  const children = key === 'not' ? [record.not] : (record[key] as unknown[]);
  const held = outcome(node, at, byAt);
  return (
    <li className="rules-group">
      <span className="rules-group-title">
        {t(`tree.group.${key}` as RulesKey)}{' '}
        <span className={`badge ${held ? 'badge-yes' : 'badge-no'}`}>
          {held ? t('tree.held') : t('tree.failed')}
        </span>
      </span>
      <ul>
        {children.map((child, i) => (
          <Node
            key={key === 'not' ? 'not' : i}
            node={child}
            at={key === 'not' ? `${at}/not` : `${at}/${key}/${i}`}
            tree={tree}
          />
        ))}
      </ul>
    </li>
  );
}

export function eventWords(t: T): EventWords {
  return {
    param: (key) => {
      const label = rulesKey(`param.${key}`);
      return label ? t(label) : undefined;
    },
    yes: t('yes'),
    no: t('no'),
  };
}

/** The events in words, as a list (or "nothing" when none fired). */
export function EventList({
  events,
  rules,
  empty,
}: {
  events: readonly EventJson[];
  rules: readonly RuleJson[];
  empty: string;
}) {
  const { t } = useTexts(rulesTexts);
  if (events.length === 0) return <span className="rules-no-events">{empty}</span>;
  const words = eventWords(t);
  return (
    <ul className="rules-events">
      {events.map((event, i) => {
        const { title, details } = describeEvent(event, rules, words);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same event may be expected twice
          <li key={i}>
            <strong>{title}</strong>
            {details.length > 0 ? <span className="rules-event-details"> — {details.join('; ')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function ExplanationTree({
  rules,
  explanation,
  labelOf,
}: {
  /** The rules that were evaluated (the version the explanation is of). */
  rules: readonly RuleJson[];
  explanation: readonly ExplainedRule[];
  /** A fact's name in words (for a condition that compares with another fact). */
  labelOf?: (fact: string) => string;
}) {
  const { t, lang } = useTexts(rulesTexts);
  return (
    <ol className="rules-tree">
      {rules.map((rule, i) => {
        const explained = explanation[i];
        const byAt = new Map<string, Explained>(
          (explained?.conditions ?? []).map((condition) => [condition.at, condition as Explained]),
        );
        const name = rule.name ?? t('rule.untitled', { n: i + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are explained by their position
          <li key={`${name}:${i}`} className="rules-tree-rule">
            <h4>
              {name}{' '}
              <span className={`badge ${explained?.fired ? 'badge-yes' : 'badge-no'}`}>
                {explained?.fired ? t('tree.fired') : t('tree.notFired')}
              </span>
            </h4>
            <div className="rules-tree-event">
              {t('tree.decides')} <EventList events={[rule.event]} rules={rules} empty="" />
            </div>
            <ul>
              <Node node={rule.conditions} at={`/rules/${i}/conditions`} tree={{ byAt, t, lang, labelOf }} />
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
