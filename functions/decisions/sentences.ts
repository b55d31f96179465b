/**
 * A rule's condition as a sentence a person reads, with the value the rule used. Every word comes
 * from content: the condition's own `text` template (`{{factValue}}` and `{{value}}` are filled in,
 * e.g. "Telah menjalani {{factValue}} dari {{value}} bulan yang disyaratkan"), its `name`, and the
 * `title` and `unit` the ruleset declares for a fact; what content leaves out is said with the
 * operator's phrase ("paling sedikit", "kurang dari"), e.g. "Lama pidana (bulan): 30 — syarat: paling
 * sedikit 24". The sentence describes the condition itself (a condition under a `not` says what it
 * checks; its result says whether that held). `statement` is the same sentence without the value the
 * rule read, for a reader who may not see it (a value from a sensitive field).
 *
 * Pure: no store, no engine; the web may import it too.
 */

/** What a ruleset declares about a fact that helps a sentence: a short title and the unit of its values. */
export interface FactWords {
  title?: string;
  unit?: string;
}

export interface SentenceInput {
  name?: string;
  /** The condition's template, with `{{factValue}}` and `{{value}}`. */
  text?: string;
  fact: string;
  path?: string;
  operator: string;
  /** The value compared with (another fact's value when the condition names one). */
  value: unknown;
  /** The fact the compared value came from, when it is a fact reference. */
  valueFact?: string;
  factValue: unknown;
}

export interface Sentences {
  /** The sentence with the value the rule read. */
  text: string;
  /** The sentence without it. */
  statement: string;
}

/** The placeholders a condition's `text` may use. */
export const TEXT_PLACEHOLDERS = ['factValue', 'value'] as const;

/** How each operator reads as a requirement, in the content's language. */
export const OPERATOR_PHRASES: Readonly<Record<string, string>> = {
  equal: '',
  notEqual: 'bukan',
  lessThan: 'kurang dari',
  lessThanInclusive: 'paling banyak',
  greaterThan: 'lebih dari',
  greaterThanInclusive: 'paling sedikit',
  in: '',
  notIn: 'bukan',
  contains: 'memuat',
  doesNotContain: 'tidak memuat',
  dateBefore: 'sebelum',
  dateOnOrBefore: 'paling lambat',
  dateAfter: 'sesudah',
  dateOnOrAfter: 'paling cepat',
};

const UNKNOWN = 'belum ada datanya';
const VALUE_READ = 'nilai yang dibaca';
const REQUIREMENT = 'syarat';

const numbers = new Map<number, Intl.NumberFormat>();
function formatNumber(value: number, digits = 1): string {
  let format = numbers.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits });
    numbers.set(digits, format);
  }
  return format.format(value);
}

// Made on first use: the first formatter of a locale loads its ICU data (milliseconds of a cold start).
let longDate: Intl.DateTimeFormat | undefined;

/** A calendar date as Indonesians write it: "1 Desember 2026"; anything else unchanged. */
export function formatCalendarDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  longDate ??= new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' });
  return Number.isNaN(parsed.getTime()) ? date : longDate.format(parsed);
}

/** "a", "a atau b", "a, b, atau c" (`word` joins the last two). */
export function joinList(items: readonly string[], word = 'atau'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${word} ${items.at(-1)}`;
}

const isUnknown = (value: unknown) => value === null || value === undefined || value === '';

/** A value as a sentence shows it: numbers and dates the Indonesian way, yes/no, lists with "atau". */
export function formatValue(value: unknown, digits = 1): string {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === 'number') return formatNumber(value, digits);
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'string') return formatCalendarDate(value);
  if (Array.isArray(value)) return joinList(value.map((item) => formatValue(item, digits)));
  if (typeof value === 'object') {
    return joinList(
      Object.values(value as Record<string, unknown>)
        .filter((item) => !isUnknown(item) && typeof item !== 'object')
        .map((item) => formatValue(item, digits)),
      'dan',
    );
  }
  return String(value);
}

/**
 * The read value and the compared one, with enough decimals that different numbers never read the
 * same ("23,97 dari 24", not "24 dari 24").
 */
function formatPair(factValue: unknown, value: unknown): [string, string] {
  let digits = 1;
  let pair: [string, string] = [formatValue(factValue, digits), formatValue(value, digits)];
  while (
    typeof factValue === 'number' &&
    typeof value === 'number' &&
    factValue !== value &&
    pair[0] === pair[1] &&
    digits < 6
  ) {
    digits += 1;
    pair = [formatValue(factValue, digits), formatValue(value, digits)];
  }
  return pair;
}

const withUnit = (text: string, unit: string | undefined, value: unknown) =>
  unit && typeof value === 'number' ? `${text} ${unit}` : text;

/** The operator with its decorators (`not:in`) as a phrase. */
function phraseOf(operator: string): string {
  const parts = operator.split(':');
  const base = parts.pop() ?? '';
  const phrase = OPERATOR_PHRASES[base] ?? base;
  if (!parts.includes('not')) return phrase;
  return phrase === '' ? 'bukan' : `tidak ${phrase}`;
}

/** The fact as a person knows it: its declared title, else its name (with the path it is read at). */
function labelOf(input: SentenceInput, words: FactWords | undefined): string {
  if (words?.title) return words.title;
  const path = input.path?.replace(/^\$\.?/, '');
  const fact = input.fact.replace(/^form:/, '');
  return path ? `${fact} ${path}` : fact;
}

/** Fills `{{factValue}}` and `{{value}}`; other placeholders stay as written. */
export function fillTemplate(template: string, values: { factValue: string; value: string }): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name === 'factValue' ? values.factValue : name === 'value' ? values.value : whole,
  );
}

/**
 * The sentences of one condition. `facts` gives what the ruleset declares about a fact (title, unit);
 * the compared value's unit is the read fact's.
 */
export function conditionSentences(
  input: SentenceInput,
  facts: (name: string) => FactWords | undefined,
): Sentences {
  const words = input.path === undefined ? facts(input.fact) : undefined;
  const label = labelOf(input, words);
  const unit = words?.unit;
  const [read, compared] = formatPair(input.factValue, input.value);
  const phrase = phraseOf(input.operator);
  const referenced = input.valueFact ? facts(input.valueFact)?.title : undefined;
  const requirementOf = (shown: string) =>
    [[phrase, shown].filter((part) => part !== '').join(' '), referenced ? ` (${referenced})` : ''].join('');
  // After a label that names the unit ("Lama pidana (bulan)"), the numbers go without it.
  const requirement = requirementOf(compared);
  const unitLabel = unit ? ` (${unit})` : '';

  const statement = input.name ?? `${label}${unitLabel} — ${REQUIREMENT}: ${requirement}`;
  if (isUnknown(input.factValue)) return { text: `${statement} — ${UNKNOWN}`, statement };
  if (input.text) {
    return { text: fillTemplate(input.text, { factValue: read, value: compared }), statement };
  }
  if (input.name) {
    const what = words?.title ?? VALUE_READ;
    const needs = input.valueFact
      ? `; ${REQUIREMENT}: ${requirementOf(withUnit(compared, unit, input.value))}`
      : '';
    return { text: `${input.name} — ${what}: ${withUnit(read, unit, input.factValue)}${needs}`, statement };
  }
  return { text: `${label}${unitLabel}: ${read} — ${REQUIREMENT}: ${requirement}`, statement };
}
