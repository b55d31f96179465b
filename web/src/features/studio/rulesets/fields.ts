/**
 * What the condition builder offers, in words: the fields a rule may read (the ruleset's declared
 * facts, the catalogue's other facts, which a rule declares by using them, the office's date, the
 * case head, and the fields of the published forms the rules or the catalogue read), each with its
 * type, a title, a unit and its choices; and the operators that fit each type (json-rules-engine's and
 * Kawal's date operators, see functions/decisions/operators.ts). Pure: the caller supplies the words.
 */
import type { OPERATORS } from '../../../../../functions/decisions/operators';
import type { FactDefinition, FactType } from '../../../../../functions/domain/facts';
import type { DeclaredFact, RulesetContent } from './api';
import { fieldName, type Json, splitField } from './conditions';

/** Kawal's operators, by the server's names: a new one fails type checking until it has words here. */
export type OperatorName = keyof typeof OPERATORS;

export type FieldType = FactType | 'unknown';

export interface Choice {
  value: Json;
  label: string;
}

export type FieldGroup = 'declared' | 'catalogue' | 'builtin' | 'case' | 'form' | 'other';

export interface FieldInfo {
  /** The builder's field name: the fact, followed by its path when it has one. */
  name: string;
  label: string;
  fact: string;
  path?: string;
  type: FieldType;
  unit?: string;
  /** The values the field takes (for an array: its items), with their titles. */
  choices?: Choice[];
  /** Values the rules and tests already use (suggestions for a free text field). */
  seen?: string[];
  group: FieldGroup;
  /** Sub-heading inside the group (a form's title). */
  source?: string;
  /** A catalogue fact the ruleset does not declare yet: using it adds this declaration. */
  declare?: DeclaredFact;
}

const SCALARS: readonly FieldType[] = ['string', 'number', 'boolean', 'date'];

/** The operators of each type, in the order a person looks for them. */
const BY_TYPE: Record<FieldType, readonly OperatorName[]> = {
  number: [
    'greaterThanInclusive',
    'greaterThan',
    'lessThanInclusive',
    'lessThan',
    'equal',
    'notEqual',
    'in',
    'notIn',
  ],
  date: ['dateOnOrBefore', 'dateBefore', 'dateOnOrAfter', 'dateAfter', 'equal', 'notEqual', 'in', 'notIn'],
  string: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  array: ['contains', 'doesNotContain', 'equal', 'notEqual'],
  object: ['equal', 'notEqual'],
  unknown: [
    'equal',
    'notEqual',
    'greaterThanInclusive',
    'greaterThan',
    'lessThanInclusive',
    'lessThan',
    'in',
    'notIn',
    'contains',
    'doesNotContain',
    'dateOnOrBefore',
    'dateBefore',
    'dateOnOrAfter',
    'dateAfter',
  ],
};

export function operatorsFor(type: FieldType): readonly OperatorName[] {
  return BY_TYPE[type];
}

/** Operators whose value is a list. */
export const isListOperator = (operator: string) => /(^|:)(in|notIn)$/.test(operator);

/** Whether a field of `type` may be compared with a field of `other` (fact against fact). */
export function comparable(type: FieldType, other: FieldType): boolean {
  return type === other || type === 'unknown' || other === 'unknown';
}

/** Whether a value source of "another field" makes sense for the type (numbers and dates). */
export const comparesWithFields = (type: FieldType) => type === 'number' || type === 'date';

export interface FieldWords {
  today: string;
  /** The case head's fields by path (`$.client.birthDate`). */
  caseFields: Record<string, string>;
}

type Schema = Record<string, unknown>;
const asSchema = (value: unknown): Schema | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;

/** A short title from a fact's description: its first clause, at most 70 characters. */
export function titleFromDescription(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const clause = description.split(/[.,;:(]\s|\s\(|\.$/)[0]?.trim() ?? '';
  if (clause === '') return undefined;
  return clause.length > 70 ? `${clause.slice(0, 67).trimEnd()}…` : clause;
}

/** The choices a schema declares (`enum`, or `oneOf`/`anyOf` of `const` with `title`). */
export function schemaChoices(schema: Schema): Choice[] | undefined {
  if (Array.isArray(schema.enum))
    return schema.enum.map((value) => ({ value: value as Json, label: String(value) }));
  const options = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(options)) return undefined;
  const choices: Choice[] = [];
  for (const option of options) {
    const record = asSchema(option);
    if (!record || !('const' in record)) return undefined;
    choices.push({
      value: record.const as Json,
      label: typeof record.title === 'string' ? record.title : String(record.const),
    });
  }
  return choices.length > 0 ? choices : undefined;
}

/** The fact type of a schema (a string with format date is a date). */
export function schemaType(schema: Schema): FieldType {
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  if (type === 'string') return schema.format === 'date' ? 'date' : 'string';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean' || type === 'object' || type === 'array') return type;
  const choices = schemaChoices(schema);
  const first = choices?.[0]?.value;
  if (typeof first === 'string') return 'string';
  if (typeof first === 'number') return 'number';
  if (typeof first === 'boolean') return 'boolean';
  return 'unknown';
}

/** The subschema at a JSON Pointer (`/a/b`) inside a form's schema, looking through properties only. */
export function schemaAt(schema: Schema, pointer: string): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    current = asSchema(asSchema(current?.properties)?.[key]);
    if (!current) return undefined;
  }
  return current;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const pathOf = (keys: readonly string[]) =>
  `$${keys.map((key) => (SIMPLE_KEY.test(key) ? `.${key}` : `['${key.replace(/'/g, "\\'")}']`)).join('')}`;

/** Every field of a form a rule may read: leaves and lists, with the titles of the sections above them. */
export function formFields(formId: string, formTitle: string, schema: Schema): FieldInfo[] {
  const out: FieldInfo[] = [];
  const visit = (node: Schema, keys: string[], titles: string[]) => {
    const properties = asSchema(node.properties);
    if (!properties) return;
    for (const [key, raw] of Object.entries(properties)) {
      const child = asSchema(raw);
      if (!child) continue;
      const title = typeof child.title === 'string' ? child.title : key;
      const type = schemaType(child);
      if (type === 'object') {
        visit(child, [...keys, key], [...titles, title]);
        continue;
      }
      const choices = type === 'array' ? schemaChoices(asSchema(child.items) ?? {}) : schemaChoices(child);
      const path = pathOf([...keys, key]);
      out.push({
        name: fieldName(`form:${formId}`, path),
        label: [...titles, title].join(' › '),
        fact: `form:${formId}`,
        path,
        type,
        ...(choices ? { choices } : {}),
        group: 'form',
        source: formTitle,
      });
    }
  };
  visit(schema, [], []);
  return out;
}

/** The case head's fields a rule may read (never the client's name or identity number). */
const CASE_FIELDS: readonly { path: string; type: FieldType }[] = [
  { path: '$.stage', type: 'string' },
  { path: '$.caseType', type: 'string' },
  { path: '$.office', type: 'string' },
  { path: '$.client.birthDate', type: 'date' },
  { path: '$.client.sex', type: 'string' },
  { path: '$.offence.date', type: 'date' },
  { path: '$.offence.category', type: 'string' },
  { path: '$.offence.threatenedSentenceMonths', type: 'number' },
  { path: '$.offence.repeat', type: 'boolean' },
  { path: '$.sentence.months', type: 'number' },
  { path: '$.sentence.startDate', type: 'date' },
  { path: '$.sentence.lastDisciplinaryDate', type: 'date' },
];

/** A declared fact with the words an explanation uses, when the ruleset gives them. */
type Worded = DeclaredFact & { title?: string; unit?: string };

export interface FieldSources {
  ruleset: Pick<RulesetContent, 'facts' | 'rules' | 'tests'>;
  catalogue: readonly FactDefinition[];
  /** Published forms by id: title and schema. */
  forms: ReadonlyMap<string, { title: string; schema: Schema }>;
  words: FieldWords;
}

/** The leaves of a condition tree. */
export function leavesOf(node: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as Record<string, unknown>;
    if ('fact' in record) out.push(record);
    for (const key of ['all', 'any'])
      if (Array.isArray(record[key])) stack.push(...[...(record[key] as unknown[])].reverse());
    if (record.not) stack.push(record.not);
  }
  return out;
}

/** The forms whose fields the builder offers: those the rules read and those the catalogue reads from. */
export function formsToOffer(
  ruleset: FieldSources['ruleset'],
  catalogue: readonly FactDefinition[],
): string[] {
  const forms = new Set<string>();
  for (const rule of ruleset.rules ?? []) {
    for (const leaf of leavesOf(rule.conditions)) {
      if (typeof leaf.fact === 'string' && leaf.fact.startsWith('form:')) forms.add(leaf.fact.slice(5));
    }
  }
  const declared = new Set((ruleset.facts ?? []).map((fact) => fact.name));
  for (const fact of catalogue) {
    if (fact.source.kind === 'form' && declared.has(fact.name)) forms.add(fact.source.form);
  }
  return [...forms].sort();
}

/** Every field the builder offers for a ruleset, declared facts first. */
export function builderFields({ ruleset, catalogue, forms, words }: FieldSources): FieldInfo[] {
  const seen = new Map<string, Set<string>>();
  const remember = (field: string, value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string' || item === '') continue;
      const set = seen.get(field) ?? new Set<string>();
      set.add(item);
      seen.set(field, set);
    }
  };
  for (const rule of ruleset.rules ?? []) {
    for (const leaf of leavesOf(rule.conditions)) {
      if (typeof leaf.fact === 'string')
        remember(fieldName(leaf.fact, typeof leaf.path === 'string' ? leaf.path : undefined), leaf.value);
    }
  }
  for (const test of ruleset.tests ?? [])
    for (const [name, value] of Object.entries(test.facts)) remember(name, value);

  const fromCatalogue = new Map<string, FactDefinition[]>();
  for (const fact of catalogue) {
    if (fact.source.kind === 'builtin') continue;
    fromCatalogue.set(fact.name, [...(fromCatalogue.get(fact.name) ?? []), fact]);
  }
  /** Title and choices of a catalogue fact read straight from a form field. */
  const formWords = (name: string): { title?: string; choices?: Choice[] } => {
    for (const { source } of fromCatalogue.get(name) ?? []) {
      if (source.kind !== 'form') continue;
      const schema = forms.get(source.form)?.schema;
      const at = schema ? schemaAt(schema, source.pointer) : undefined;
      if (!at) continue;
      const choices = schemaChoices(at);
      return {
        ...(typeof at.title === 'string' ? { title: at.title } : {}),
        ...(choices ? { choices } : {}),
      };
    }
    return {};
  };

  const fields: FieldInfo[] = [];
  const add = (field: FieldInfo) => {
    const values = seen.get(field.name);
    if (values && (field.type === 'string' || field.type === 'array' || field.type === 'unknown'))
      field.seen = [...values].sort();
    fields.push(field);
  };
  const declared = new Set<string>();
  for (const fact of (ruleset.facts ?? []) as Worded[]) {
    declared.add(fact.name);
    const fromForm = formWords(fact.name);
    add({
      name: fact.name,
      label:
        fact.title ??
        fromForm.title ??
        titleFromDescription(fact.description) ??
        titleFromDescription(fromCatalogue.get(fact.name)?.[0]?.description) ??
        fact.name,
      fact: fact.name,
      type: fact.type as FieldType,
      ...(fact.unit ? { unit: fact.unit } : {}),
      ...(fromForm.choices ? { choices: fromForm.choices } : {}),
      group: 'declared',
    });
  }
  for (const [name, definitions] of [...fromCatalogue].sort(([a], [b]) => a.localeCompare(b))) {
    if (declared.has(name)) continue;
    const first = definitions[0];
    if (!first) continue;
    const fromForm = formWords(name);
    const label = fromForm.title ?? titleFromDescription(first.description) ?? name;
    add({
      name,
      label,
      fact: name,
      type: first.type,
      ...(fromForm.choices ? { choices: fromForm.choices } : {}),
      group: 'catalogue',
      declare: {
        name,
        type: first.type,
        ...(first.description ? { description: first.description } : {}),
        title: label,
      },
    });
  }
  add({ name: 'today', label: words.today, fact: 'today', type: 'date', group: 'builtin' });
  for (const { path, type } of CASE_FIELDS) {
    add({
      name: fieldName('case', path),
      label: words.caseFields[path] ?? path,
      fact: 'case',
      path,
      type,
      group: 'case',
    });
  }
  for (const [id, form] of [...forms].sort(([, a], [, b]) => a.title.localeCompare(b.title))) {
    for (const field of formFields(id, form.title, form.schema)) add(field);
  }
  // Whatever the rules read that none of the above names (a path the published form no longer has).
  const known = new Set(fields.map((field) => field.name));
  for (const rule of ruleset.rules ?? []) {
    for (const leaf of leavesOf(rule.conditions)) {
      if (typeof leaf.fact !== 'string') continue;
      const name = fieldName(leaf.fact, typeof leaf.path === 'string' ? leaf.path : undefined);
      if (known.has(name) || name.includes('~')) continue;
      known.add(name);
      const { fact, path } = splitField(name);
      add({
        name,
        label: name.replace(/^form:/, ''),
        fact,
        ...(path ? { path } : {}),
        type: 'unknown',
        group: 'other',
      });
    }
  }
  return fields;
}

/** Whether the operator fits the type (`not:` in front of it changes nothing). */
export function operatorFits(operator: string, type: FieldType): boolean {
  const base = operator.split(':').pop() ?? '';
  return (
    (BY_TYPE[type] as readonly string[]).includes(base) ||
    (type !== 'unknown' && SCALARS.includes(type) && (base === 'in' || base === 'notIn'))
  );
}
