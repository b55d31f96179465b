/**
 * Checks a ruleset when it is saved, so a broken rule never reaches an engine: its shape, every
 * condition's fact, path, operator and value against the fact catalogue, the ruleset's declared
 * facts and the published form schemas; duplicate names; and its tests' facts. Each problem carries
 * the JSON Pointer of the offending part of the ruleset.
 */
import jsonPointer from 'json-pointer';
import { isCalendarDate } from '../domain/dates';
import { builtinFact, CASE_FACT_SCHEMA, type FactType, FORM_FACT_PREFIX, hasFactType } from '../domain/facts';
import type { ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { toDetails } from '../validation/errors';
import { loadCompiler } from '../validation/lazy';
import { BOOLEANS, isLeaf, MAX_DEPTH, walkConditions } from './conditions';
import { operatorSpec } from './operators';
import { pathSegments, typeAtPath } from './paths';
import { type DeclaredFact, RULESET_CONTENT_SCHEMA, type RulesetContent, ruleName } from './ruleset';
import { TEXT_PLACEHOLDERS } from './sentences';

const TEXT = {
  tooDeep: {
    id: `kondisi bersarang lebih dari ${MAX_DEPTH} tingkat`,
    en: `conditions nested deeper than ${MAX_DEPTH} levels`,
  },
  badNode: {
    id: 'kondisi harus berupa {all:[…]}, {any:[…]}, {not:{…}} atau {fact, operator, value}',
    en: 'a condition must be {all:[…]}, {any:[…]}, {not:{…}} or {fact, operator, value}',
  },
  rootGroup: {
    id: 'akar kondisi aturan harus {all:[…]}, {any:[…]} atau {not:{…}}',
    en: "the root of a rule's conditions must be {all:[…]}, {any:[…]} or {not:{…}}",
  },
  emptyGroup: { id: 'kelompok kondisi tidak boleh kosong', en: 'a condition group must not be empty' },
  missingValue: { id: 'kondisi harus memiliki "value"', en: 'a condition needs a "value"' },
  unknownFact: {
    id: 'fakta "{fact}" bukan fakta bawaan (case, today, form:<id>) dan tidak dideklarasikan di "facts"',
    en: 'fact "{fact}" is neither built in (case, today, form:<id>) nor declared in "facts"',
  },
  unknownOperator: { id: 'operator "{operator}" tidak dikenal', en: 'unknown operator "{operator}"' },
  operatorType: {
    id: 'operator "{operator}" tidak cocok untuk fakta bertipe {type}',
    en: 'operator "{operator}" does not fit a fact of type {type}',
  },
  valueType: {
    id: 'nilai pembanding untuk "{operator}" harus berupa {expected}',
    en: 'the value compared by "{operator}" must be {expected}',
  },
  pathOnScalar: {
    id: 'path hanya dapat dipakai pada fakta objek atau daftar',
    en: 'a path applies only to object or array facts',
  },
  pathNotSimple: {
    id: 'path harus sederhana, mis. $.bagian.kolom atau $.daftar[0]',
    en: 'the path must be simple, e.g. $.section.field or $.list[0]',
  },
  formNotPublished: {
    id: 'formulir "{form}" belum diterbitkan, sehingga path tidak dapat diperiksa',
    en: 'form "{form}" is not published, so the path cannot be checked',
  },
  pathNotInForm: {
    id: 'path "{path}" tidak ada dalam skema formulir "{form}" yang diterbitkan',
    en: 'path "{path}" does not exist in the published schema of form "{form}"',
  },
  pathNotInCase: {
    id: 'path "{path}" tidak ada pada fakta case',
    en: 'path "{path}" does not exist on the case fact',
  },
  duplicateRule: {
    id: 'nama aturan "{name}" dipakai lebih dari sekali',
    en: 'rule name "{name}" is used more than once',
  },
  duplicateFact: {
    id: 'fakta "{fact}" dideklarasikan lebih dari sekali',
    en: 'fact "{fact}" is declared more than once',
  },
  shadowsCatalogue: {
    id: 'fakta "{fact}" adalah fakta bawaan; gunakan nama lain',
    en: 'fact "{fact}" is a built-in fact; use another name',
  },
  duplicateTest: {
    id: 'nama uji "{name}" dipakai lebih dari sekali',
    en: 'test name "{name}" is used more than once',
  },
  factValueType: {
    id: 'fakta "{fact}" harus bertipe {type}',
    en: 'fact "{fact}" must be of type {type}',
  },
  badText: {
    id: 'teks kondisi harus berupa kalimat (paling banyak 500 karakter)',
    en: "a condition's text must be a sentence (at most 500 characters)",
  },
  unknownPlaceholder: {
    id: 'teks kondisi hanya dapat memuat {{factValue}} dan {{value}}, bukan {{{name}}}',
    en: "a condition's text may hold only {{factValue}} and {{value}}, not {{{name}}}",
  },
  unknownTestFact: {
    id: 'fakta "{fact}" tidak dikenal (bukan bawaan, tidak dideklarasikan)',
    en: 'unknown fact "{fact}" (not built in, not declared)',
  },
} as const;

type TextKey = keyof typeof TEXT;

function say(lang: Lang, key: TextKey, params: Record<string, string> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const validateShape = async () =>
  (await loadCompiler()).compileOwnSchema(RULESET_CONTENT_SCHEMA as unknown as Record<string, unknown>);

/** Declared facts by name. */
export function declaredFacts(content: Pick<RulesetContent, 'facts'>): Map<string, DeclaredFact> {
  return new Map((content.facts ?? []).map((fact) => [fact.name, fact]));
}

/** The type of a fact name, from the ruleset's declarations or the built-ins. */
export function factTypeOf(name: string, declared: Map<string, DeclaredFact>): FactType | undefined {
  return (declared.get(name)?.type as FactType | undefined) ?? builtinFact(name)?.type;
}

/** The ids of the forms whose fields the rules read (their schemas are needed to check paths). */
export function referencedForms(content: unknown): string[] {
  const forms = new Set<string>();
  const rules = (content as { rules?: unknown })?.rules;
  if (!Array.isArray(rules)) return [];
  for (const rule of rules) {
    for (const { node } of walkConditions((rule as { conditions?: unknown })?.conditions, '')) {
      if (isLeaf(node) && typeof node.fact === 'string' && node.fact.startsWith(FORM_FACT_PREFIX)) {
        forms.add(node.fact.slice(FORM_FACT_PREFIX.length));
      }
    }
  }
  return [...forms];
}

/**
 * Problems with supplied facts (a test's, or an evaluate request's): unknown names and values of
 * the wrong type. `null` stands for "not known" and is accepted for any fact.
 */
export function suppliedFactProblems(
  facts: Record<string, unknown>,
  declared: Map<string, DeclaredFact>,
  pointer: string,
  lang: Lang,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(facts)) {
    const type = factTypeOf(name, declared);
    const at = pointer + jsonPointer.compile([name]);
    if (!type) problems.push({ path: at, message: say(lang, 'unknownTestFact', { fact: name }) });
    else if (value !== null && !hasFactType(value, type)) {
      problems.push({ path: at, message: say(lang, 'factValueType', { fact: name, type }) });
    }
  }
  return problems;
}

interface Context {
  declared: Map<string, DeclaredFact>;
  formSchemas: ReadonlyMap<string, Record<string, unknown> | undefined>;
  lang: Lang;
  problems: ErrorDetail[];
}

function report(context: Context, path: string, key: TextKey, params: Record<string, string> = {}): void {
  context.problems.push({ path, message: say(context.lang, key, params) });
}

/** The type of the value a leaf reads (fact + path), or undefined after reporting why. */
function leafType(
  context: Context,
  fact: string,
  path: string | undefined,
  pointer: string,
): FactType | 'unknown' | undefined {
  const type = factTypeOf(fact, context.declared);
  if (!type) {
    report(context, `${pointer}/fact`, 'unknownFact', { fact });
    return undefined;
  }
  if (path === undefined) return type;
  if (type !== 'object' && type !== 'array') {
    report(context, `${pointer}/path`, 'pathOnScalar');
    return undefined;
  }
  const segments = pathSegments(path);
  if (!segments) {
    report(context, `${pointer}/path`, 'pathNotSimple');
    return undefined;
  }
  if (fact.startsWith(FORM_FACT_PREFIX)) {
    const form = fact.slice(FORM_FACT_PREFIX.length);
    const schema = context.formSchemas.get(form);
    if (!schema) {
      report(context, `${pointer}/path`, 'formNotPublished', { form });
      return undefined;
    }
    const found = typeAtPath(schema, segments);
    if (!found) report(context, `${pointer}/path`, 'pathNotInForm', { path, form });
    return found;
  }
  if (fact === 'case') {
    const found = typeAtPath(CASE_FACT_SCHEMA as unknown as Record<string, unknown>, segments);
    if (!found) report(context, `${pointer}/path`, 'pathNotInCase', { path });
    return found;
  }
  return 'unknown';
}

/** A condition's sentence template: text with only the placeholders an explanation fills. */
function checkText(context: Context, text: unknown, pointer: string): void {
  if (text === undefined) return;
  if (typeof text !== 'string' || text.trim() === '' || text.length > 500) {
    report(context, pointer, 'badText');
    return;
  }
  for (const [, name = ''] of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (!(TEXT_PLACEHOLDERS as readonly string[]).includes(name))
      report(context, pointer, 'unknownPlaceholder', { name });
  }
}

function checkLeaf(context: Context, node: Record<string, unknown>, pointer: string): void {
  if (typeof node.fact !== 'string' || typeof node.operator !== 'string') {
    report(context, pointer, 'badNode');
    return;
  }
  if (!Object.hasOwn(node, 'value')) report(context, pointer, 'missingValue');
  checkText(context, node.text, `${pointer}/text`);
  if (node.path !== undefined && typeof node.path !== 'string') {
    report(context, `${pointer}/path`, 'pathNotSimple');
    return;
  }
  const type = leafType(context, node.fact, node.path as string | undefined, pointer);
  const spec = operatorSpec(node.operator);
  if (!spec) {
    report(context, `${pointer}/operator`, 'unknownOperator', { operator: node.operator });
    return;
  }
  if (type && type !== 'unknown' && spec.fact !== 'any' && !spec.fact.includes(type)) {
    report(context, `${pointer}/operator`, 'operatorType', { operator: node.operator, type });
  }
  const value = node.value;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const reference = value as { fact: unknown; path?: unknown };
    if (typeof reference.fact === 'string') {
      leafType(
        context,
        reference.fact,
        typeof reference.path === 'string' ? reference.path : undefined,
        `${pointer}/value`,
      );
    }
    return;
  }
  const fits =
    spec.value === 'any' ||
    (spec.value === 'number' && typeof value === 'number') ||
    (spec.value === 'date' && isCalendarDate(value)) ||
    (spec.value === 'array' && Array.isArray(value));
  if (!fits) {
    const expected = { number: 'angka', date: 'tanggal YYYY-MM-DD', array: 'daftar', any: '' }[spec.value];
    report(context, `${pointer}/value`, 'valueType', { operator: node.operator, expected });
  }
}

function checkConditions(context: Context, conditions: unknown, pointer: string): void {
  for (const { node, pointer: at, depth } of walkConditions(conditions, pointer)) {
    if (depth > MAX_DEPTH) {
      report(context, at, 'tooDeep');
      return;
    }
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      report(context, at, 'badNode');
      continue;
    }
    const record = node as Record<string, unknown>;
    const groups = BOOLEANS.filter((key) => key in record);
    if (groups.length === 0) {
      checkLeaf(context, record, at);
      continue;
    }
    if (groups.length > 1 || 'fact' in record) {
      report(context, at, 'badNode');
      continue;
    }
    const [group] = groups;
    const inner = group ? record[group] : undefined;
    if (
      group === 'not' ? !inner || typeof inner !== 'object' || Array.isArray(inner) : !Array.isArray(inner)
    ) {
      report(context, `${at}/${group}`, 'badNode');
    } else if (Array.isArray(inner) && inner.length === 0) {
      report(context, `${at}/${group}`, 'emptyGroup');
    }
  }
}

/** Every problem with a ruleset's content; empty when it may be saved. */
export async function rulesetProblems(
  content: unknown,
  formSchemas: ReadonlyMap<string, Record<string, unknown> | undefined>,
  lang: Lang,
): Promise<ErrorDetail[]> {
  const validate = await validateShape();
  if (!validate(content)) return toDetails(validate.errors, lang);
  const ruleset = content as RulesetContent;
  const context: Context = { declared: declaredFacts(ruleset), formSchemas, lang, problems: [] };

  const seenFacts = new Set<string>();
  (ruleset.facts ?? []).forEach((fact, i) => {
    if (seenFacts.has(fact.name)) report(context, `/facts/${i}/name`, 'duplicateFact', { fact: fact.name });
    if (builtinFact(fact.name)) report(context, `/facts/${i}/name`, 'shadowsCatalogue', { fact: fact.name });
    seenFacts.add(fact.name);
  });

  const seenRules = new Set<string>();
  ruleset.rules.forEach((rule, i) => {
    const name = ruleName(rule, i);
    if (seenRules.has(name)) report(context, `/rules/${i}/name`, 'duplicateRule', { name });
    seenRules.add(name);
    if (!BOOLEANS.some((key) => key in rule.conditions))
      report(context, `/rules/${i}/conditions`, 'rootGroup');
    checkConditions(context, rule.conditions, `/rules/${i}/conditions`);
  });

  const seenTests = new Set<string>();
  (ruleset.tests ?? []).forEach((test, i) => {
    if (seenTests.has(test.name)) report(context, `/tests/${i}/name`, 'duplicateTest', { name: test.name });
    seenTests.add(test.name);
    context.problems.push(...suppliedFactProblems(test.facts, context.declared, `/tests/${i}/facts`, lang));
  });
  return context.problems;
}
