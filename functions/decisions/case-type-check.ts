/**
 * Checks a case type when it is saved, so a broken process never reaches a case: its shape; stages,
 * moves and reachability; every form it names exists; every fact pointer exists in the named form's
 * published schema (or in the case head) with the fact's declared type; every JSONata expression
 * parses, has no cycle and runs within its budget on the type's own test files; triggers name known
 * rulesets; effects name declared deadlines (a deadline effect must name one); termination data
 * schemas compile. Each problem carries the JSON Pointer of the offending part. The type's tests (case
 * file → expected facts) run on publish.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  CASE_TYPE_SCHEMA,
  type CaseTypeContent,
  CLOSED_STAGE,
  formsNamed,
  type RulesetSelection,
} from '../domain/case-type';
import { ExpressionError } from '../domain/expression';
import { builtinFact, CASE_FACT_SCHEMA, type FactType } from '../domain/facts';
import type { ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { compileOwnSchema, compileSchema } from '../validation/compile';
import { toDetails } from '../validation/errors';
import { buildFacts, type CaseFile, compileCaseType, FactCycleError } from './fact-sources';
import { typeAtPath } from './paths';

const TEXT = {
  duplicate: { id: '"{id}" dipakai lebih dari sekali', en: '"{id}" is used more than once' },
  noClosed: {
    id: `tahap "${CLOSED_STAGE}" (penutupan kasus) harus ada`,
    en: `the closing stage "${CLOSED_STAGE}" must be declared`,
  },
  firstClosed: {
    id: 'tahap pertama tidak boleh tahap penutupan',
    en: 'the first stage cannot be the closing stage',
  },
  unknownStage: { id: 'tahap "{id}" tidak dideklarasikan', en: 'stage "{id}" is not declared' },
  unreachable: {
    id: 'tahap "{id}" tidak dapat dicapai dari tahap pertama',
    en: 'stage "{id}" cannot be reached from the first stage',
  },
  unknownForm: {
    id: 'formulir "{id}" tidak ada atau belum diterbitkan',
    en: 'form "{id}" does not exist or is not published',
  },
  pointerNotInForm: {
    id: 'kolom "{pointer}" tidak ada dalam skema formulir "{form}" yang diterbitkan',
    en: 'field "{pointer}" does not exist in the published schema of form "{form}"',
  },
  pointerNotInCase: {
    id: 'kolom "{pointer}" tidak ada pada kepala kasus',
    en: 'field "{pointer}" does not exist on the case head',
  },
  pointerType: {
    id: 'kolom "{pointer}" bertipe {actual}, sedangkan fakta "{fact}" bertipe {type}',
    en: 'field "{pointer}" is of type {actual} but fact "{fact}" is of type {type}',
  },
  sourceShape: {
    id: 'sumber fakta harus salah satu dari {case}, {form, pointer} atau {expression}',
    en: 'a fact source must be one of {case}, {form, pointer} or {expression}',
  },
  builtin: {
    id: 'fakta "{id}" adalah fakta bawaan; gunakan nama lain',
    en: 'fact "{id}" is built in; use another name',
  },
  expression: { id: 'ekspresi JSONata tidak valid: {message}', en: 'invalid JSONata expression: {message}' },
  cycle: {
    id: 'fakta saling bergantung melingkar: {cycle}',
    en: 'facts depend on each other in a cycle: {cycle}',
  },
  budget: {
    id: 'ekspresi berjalan melebihi batas waktu atau kedalaman: {message}',
    en: 'the expression exceeds its time or depth budget: {message}',
  },
  unknownKind: {
    id: 'tidak ada aturan berjenis "{id}"',
    en: 'no ruleset is of kind "{id}"',
  },
  unknownRuleset: { id: 'aturan "{id}" tidak ada', en: 'ruleset "{id}" does not exist' },
  emptySelection: {
    id: 'sebutkan jenis aturan (kinds) atau aturan (ids)',
    en: 'name ruleset kinds or ruleset ids',
  },
  unknownDeadline: { id: 'tenggat "{id}" tidak dideklarasikan', en: 'deadline "{id}" is not declared' },
  unknownHeadlineFact: {
    id: 'fakta "{id}" tidak dideklarasikan di "facts" jenis kasus ini',
    en: 'fact "{id}" is not declared in this case type\'s "facts"',
  },
  deadlineRequired: {
    id: 'efek "deadline" harus menyebut tenggat yang diatur panjangnya',
    en: 'a "deadline" effect must name the deadline whose length it sets',
  },
  dataSchema: {
    id: 'skema data alasan harus objek JSON Schema yang valid: {message}',
    en: 'the reason data schema must be a valid JSON Schema object: {message}',
  },
  stageMap: {
    id: 'tahap "{id}" dipetakan ke tahap yang tidak dideklarasikan',
    en: 'stage "{id}" is mapped to a stage that is not declared',
  },
  fieldStart: {
    id: 'titik awal dari kolom formulir hanya berlaku untuk "submission"',
    en: 'a start counted from a form field applies to "submission" only',
  },
} as const;

type TextKey = keyof typeof TEXT;

function say(lang: Lang, key: TextKey, params: Record<string, string> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const validateShape = () => compileOwnSchema(CASE_TYPE_SCHEMA as unknown as Record<string, unknown>);

/** What the checks need to know about the rest of the content. */
export interface CaseTypeContext {
  /** Published form schemas by id (undefined: the form does not exist or is unpublished). */
  formSchemas: ReadonlyMap<string, Record<string, unknown> | undefined>;
  /** Published rulesets: id → kind. */
  rulesets: ReadonlyMap<string, string>;
}

/** The forms whose schemas the checks need. */
export const formsToCheck = (content: unknown): string[] =>
  validateShape()(content) ? [...formsNamed(content as CaseTypeContent)] : [];

const typeMatches = (declared: FactType, actual: FactType) =>
  declared === actual || (declared === 'string' && actual === 'date');

/** Every problem with a case type's content; empty when it may be saved. */
export async function caseTypeProblems(
  content: unknown,
  context: CaseTypeContext,
  lang: Lang,
): Promise<ErrorDetail[]> {
  if (!validateShape()(content)) return toDetails(validateShape().errors, lang);
  const type = content as CaseTypeContent;
  const problems: ErrorDetail[] = [];
  const report = (path: string, key: TextKey, params: Record<string, string> = {}) =>
    problems.push({ path, message: say(lang, key, params) });

  const unique = <T>(
    items: readonly T[] | undefined,
    id: (item: T) => string,
    path: (i: number) => string,
  ) => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, i) => {
      if (seen.has(id(item))) report(path(i), 'duplicate', { id: id(item) });
      seen.add(id(item));
    });
    return seen;
  };

  // Stages and moves.
  const stages = unique(
    type.stages,
    (s) => s.id,
    (i) => `/stages/${i}/id`,
  );
  if (!stages.has(CLOSED_STAGE)) report('/stages', 'noClosed');
  if (type.stages[0]?.id === CLOSED_STAGE) report('/stages/0/id', 'firstClosed');
  type.moves.forEach((move, i) => {
    if (move.from !== '*' && !stages.has(move.from))
      report(`/moves/${i}/from`, 'unknownStage', { id: move.from });
    if (!stages.has(move.to)) report(`/moves/${i}/to`, 'unknownStage', { id: move.to });
  });
  const reached = new Set<string>([type.stages[0]?.id ?? '']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const move of type.moves) {
      const from = move.from === '*' ? [...reached].some((s) => s !== CLOSED_STAGE) : reached.has(move.from);
      if (from && !reached.has(move.to) && stages.has(move.to)) {
        reached.add(move.to);
        grew = true;
      }
    }
  }
  type.stages.forEach((stage, i) => {
    if (!reached.has(stage.id)) report(`/stages/${i}/id`, 'unreachable', { id: stage.id });
  });
  for (const [from, to] of Object.entries(type.stageMap ?? {})) {
    if (!stages.has(to))
      report(`/stageMap/${from.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'stageMap', { id: from });
  }

  // Forms.
  const form = (id: string, path: string) => {
    if (!context.formSchemas.get(id)) report(path, 'unknownForm', { id });
  };
  const stageList = (list: readonly string[] | undefined, path: string) =>
    (list ?? []).forEach((stage, i) => {
      if (!stages.has(stage)) report(`${path}/${i}`, 'unknownStage', { id: stage });
    });
  unique(
    type.forms,
    (f) => f.form,
    (i) => `/forms/${i}/form`,
  );
  (type.forms ?? []).forEach((entry, i) => {
    form(entry.form, `/forms/${i}/form`);
    stageList(entry.stages, `/forms/${i}/stages`);
  });

  // Deadlines.
  const deadlines = unique(
    type.deadlines,
    (d) => d.id,
    (i) => `/deadlines/${i}/id`,
  );
  (type.deadlines ?? []).forEach((deadline, i) => {
    const at = `/deadlines/${i}`;
    (deadline.start.forms ?? []).forEach((id, n) => {
      form(id, `${at}/start/forms/${n}`);
    });
    (deadline.metBy?.forms ?? []).forEach((id, n) => {
      form(id, `${at}/metBy/forms/${n}`);
    });
    stageList(deadline.start.stages, `${at}/start/stages`);
    stageList(deadline.metBy?.stages, `${at}/metBy/stages`);
    stageList(deadline.stages, `${at}/stages`);
    if (deadline.start.field !== undefined && deadline.start.on !== 'submission')
      report(`${at}/start/field`, 'fieldStart');
  });

  // Termination.
  const termination = type.termination;
  if (termination?.rulesets) checkSelection(termination.rulesets, '/termination/rulesets');
  unique(
    termination?.reasons,
    (r) => r.id,
    (i) => `/termination/reasons/${i}/id`,
  );
  (termination?.reasons ?? []).forEach((reason, i) => {
    if (reason.data === undefined) return;
    try {
      if ((reason.data as { type?: unknown }).type !== 'object') throw new Error('type: object');
      compileSchema(reason.data);
    } catch (error) {
      report(`/termination/reasons/${i}/data`, 'dataSchema', { message: (error as Error).message });
    }
  });

  // Triggers and effects.
  (type.triggers ?? []).forEach((trigger, i) => {
    checkSelection(trigger.rulesets, `/triggers/${i}/rulesets`);
    (trigger.forms ?? []).forEach((id, n) => {
      form(id, `/triggers/${i}/forms/${n}`);
    });
  });
  (type.effects ?? []).forEach((effect, i) => {
    if (effect.deadline !== undefined && !deadlines.has(effect.deadline)) {
      report(`/effects/${i}/deadline`, 'unknownDeadline', { id: effect.deadline });
    }
    if (effect.as === 'deadline' && effect.deadline === undefined)
      report(`/effects/${i}`, 'deadlineRequired');
  });

  function checkSelection(selection: RulesetSelection, path: string) {
    if ((selection.kinds ?? []).length === 0 && (selection.ids ?? []).length === 0)
      report(path, 'emptySelection');
    const kinds = new Set(context.rulesets.values());
    (selection.kinds ?? []).forEach((kind, i) => {
      if (!kinds.has(kind)) report(`${path}/kinds/${i}`, 'unknownKind', { id: kind });
    });
    (selection.ids ?? []).forEach((id, i) => {
      if (!context.rulesets.has(id)) report(`${path}/ids/${i}`, 'unknownRuleset', { id });
    });
  }

  // Counters and facts.
  (type.counters ?? []).forEach((counter, i) => {
    form(counter.form, `/counters/${i}/form`);
  });
  unique(
    [...(type.facts ?? []), ...(type.counters ?? [])],
    (f) => f.name,
    (i) => {
      const facts = type.facts?.length ?? 0;
      return i < facts ? `/facts/${i}/name` : `/counters/${i - facts}/name`;
    },
  );
  const declared = new Set((type.facts ?? []).map((fact) => fact.name));
  (type.headline ?? []).forEach((entry, i) => {
    if (!declared.has(entry.fact)) report(`/headline/${i}/fact`, 'unknownHeadlineFact', { id: entry.fact });
  });
  let expressionsParse = true;
  (type.facts ?? []).forEach((fact, i) => {
    const at = `/facts/${i}`;
    if (builtinFact(fact.name)) report(`${at}/name`, 'builtin', { id: fact.name });
    const { case: casePointer, form: formId, pointer, expression } = fact.source;
    const kinds = [
      casePointer !== undefined,
      formId !== undefined || pointer !== undefined,
      expression !== undefined,
    ];
    if (kinds.filter(Boolean).length !== 1 || (formId === undefined) !== (pointer === undefined)) {
      report(`${at}/source`, 'sourceShape');
      return;
    }
    if (expression !== undefined) {
      expressionsParse = checkExpression(expression, `${at}/source/expression`) && expressionsParse;
      return;
    }
    const schema =
      casePointer !== undefined
        ? (CASE_FACT_SCHEMA as unknown as Record<string, unknown>)
        : context.formSchemas.get(formId ?? '');
    const target = casePointer ?? pointer ?? '';
    const path = casePointer !== undefined ? `${at}/source/case` : `${at}/source/pointer`;
    if (!schema) {
      report(`${at}/source/form`, 'unknownForm', { id: formId ?? '' });
      return;
    }
    const segments = target
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const actual = typeAtPath(schema, segments);
    if (!actual) {
      if (casePointer !== undefined) report(path, 'pointerNotInCase', { pointer: target });
      else report(path, 'pointerNotInForm', { pointer: target, form: formId ?? '' });
    } else if (actual !== 'unknown' && !typeMatches(fact.type, actual)) {
      report(path, 'pointerType', { pointer: target, actual, fact: fact.name, type: fact.type });
    }
  });
  (type.counters ?? []).forEach((counter, i) => {
    expressionsParse = checkExpression(counter.expression, `/counters/${i}/expression`) && expressionsParse;
  });

  function checkExpression(text: string, path: string): boolean {
    try {
      compileCaseType({
        stages: [],
        moves: [],
        facts: [{ name: 'x', type: 'string', source: { expression: text } }],
      });
      return true;
    } catch (error) {
      report(path, 'expression', { message: (error as Error).message });
      return false;
    }
  }

  if (!expressionsParse || problems.length > 0) return problems;
  try {
    const compiled = compileCaseType(type);
    // Every expression runs once on each test's case file (and an empty one) within its budget.
    const files: { file: CaseFile; today: string }[] = [
      { file: { case: {}, forms: {}, counters: {} }, today: '2026-01-01' },
      ...(type.tests ?? []).map((test) => ({
        file: caseFileOf(test.caseFile),
        today: test.today ?? '2026-01-01',
      })),
    ];
    const overBudget = async (file: CaseFile, today: string, fresh = compiled) =>
      (await buildFacts(fresh, file, today)).problems.filter((problem) =>
        /timeout|stack|D1011|D1012|D2015/i.test(problem.message),
      );
    for (const { file, today } of files) {
      let problems = await overBudget(file, today);
      // A busy machine can stretch one run past the time budget: only a second run past it is the
      // expression's. Compiled afresh, since an expression that overran is refused for a while.
      if (problems.length > 0) {
        const again = new Set(
          (await overBudget(file, today, compileCaseType(type))).map((problem) => problem.fact),
        );
        problems = problems.filter((problem) => again.has(problem.fact));
      }
      for (const problem of problems) {
        const i = (type.facts ?? []).findIndex((fact) => fact.name === problem.fact);
        report(`/facts/${i}/source/expression`, 'budget', { message: problem.message });
      }
    }
  } catch (error) {
    if (error instanceof FactCycleError) {
      const i = (type.facts ?? []).findIndex((fact) => fact.name === error.cycle[0]);
      report(`/facts/${i}/source/expression`, 'cycle', { cycle: error.cycle.join(' → ') });
    } else if (error instanceof ExpressionError) report('/facts', 'expression', { message: error.message });
    else throw error;
  }
  return problems;
}

/** A test's case file with the parts it leaves out. */
export function caseFileOf(raw: Record<string, unknown>): CaseFile {
  const part = (key: string) =>
    raw[key] && typeof raw[key] === 'object' ? (raw[key] as Record<string, unknown>) : {};
  return { case: part('case'), forms: part('forms'), counters: part('counters') };
}

export interface CaseTypeTestOutcome {
  test: string;
  passed: boolean;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
}

/** Runs the case type's tests: the facts built from each case file against the expected ones. */
export async function runCaseTypeTests(content: CaseTypeContent): Promise<CaseTypeTestOutcome[]> {
  const compiled = compileCaseType(content);
  const outcomes: CaseTypeTestOutcome[] = [];
  for (const test of content.tests ?? []) {
    const { facts } = await buildFacts(compiled, caseFileOf(test.caseFile), test.today ?? '2026-01-01');
    const expected = test.expect as Record<string, unknown>;
    const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, facts[name] ?? null]));
    outcomes.push({ test: test.name, passed: isDeepStrictEqual(actual, expected), expected, actual });
  }
  return outcomes;
}
