/** The rulesets editor's texts (namespace `studio-rules`), loaded with its chunk. */
import en from '../../../locales/en/studio-rules.json';
import id from '../../../locales/id/studio-rules.json';
import { defineNamespace } from '../../../shared/i18n/dictionary';

export type RulesKey = keyof typeof id;
const english: Record<RulesKey, string> = en;

export const rulesTexts = defineNamespace<RulesKey>('studio-rules', { id, en: english });

type T = (key: RulesKey, params?: Record<string, string | number>) => string;

const has = (key: string): key is RulesKey => Object.hasOwn(id, key);

/** A ruleset's kind in words; a kind Kawal has no words for is shown as it is written. */
export function kindLabel(t: T, kind: string): string {
  const key = `kind.${kind}`;
  return has(key) ? t(key) : kind;
}

/** An event param's name in words; one without words is shown as it is written. */
export function paramLabel(t: T, param: string): string {
  const key = `param.${param}`;
  return has(key) ? t(key) : param;
}

/** A key of this namespace, if `key` is one (for keys built from data). */
export function rulesKey(key: string): RulesKey | undefined {
  return has(key) ? key : undefined;
}
