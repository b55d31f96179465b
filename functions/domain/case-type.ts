/**
 * A case type: the process of one kind of case, as content an administrator edits and publishes.
 * It declares the stages and the moves between them (who may make each, which need a supervisor's
 * approval, which the rules must allow), the forms offered per stage, the deadlines, the termination
 * reasons and the data each needs, the running counters kept from submissions, the facts the rules
 * read and where each comes from, when rulesets run, and what their events do to the case.
 *
 * Code knows these kinds of things; the instances (form ids, field names, event types) live in the
 * content. The only stage code knows is the closing one, `terminated`.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { FACT_TYPES } from './facts';

/** The stage every case type closes into. */
export const CLOSED_STAGE = 'terminated';
export const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
export const FACT_NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_]{0,63}$';
const POINTER = { type: 'string', pattern: '^(/[^/]*)*$', maxLength: 500 } as const;
const ID = { type: 'string', pattern: ID_PATTERN } as const;
const IDS = { type: 'array', items: ID, maxItems: 100, uniqueItems: true } as const;
const TEXT = { type: 'string', minLength: 1, maxLength: 200 } as const;
const LONG_TEXT = { type: 'string', maxLength: 4000 } as const;
const EXPRESSION = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const ROLES = {
  type: 'array',
  items: { enum: ['worker', 'supervisor'] },
  minItems: 1,
  uniqueItems: true,
} as const;

/** When something happens to a case: what starts a deadline, meets it, or runs rulesets. */
const EVENT_NAMES = [
  'created',
  'submission',
  'move',
  'termination',
  'transfer',
  'daily',
  'updated',
  /** A flag effect raised (the deadline it names starts). */
  'flag',
] as const;

/**
 * How long a deadline runs: exactly one of working days (the office's calendar), calendar days, hours
 * or months. A ruleset event may give one in `params.length` for a `deadline` effect.
 */
export const DEADLINE_LENGTH = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    workingDays: { type: 'integer', minimum: 0, maximum: 365 },
    calendarDays: { type: 'integer', minimum: 0, maximum: 3660 },
    hours: { type: 'integer', minimum: 1, maximum: 8784 },
    months: { type: 'integer', minimum: 1, maximum: 120 },
  },
} as const;

const RULESET_SELECTION = {
  type: 'object',
  additionalProperties: false,
  properties: { kinds: IDS, ids: IDS },
} as const;

export const CASE_TYPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['stages', 'moves'],
  properties: {
    stages: {
      type: 'array',
      minItems: 2,
      maxItems: 30,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title'],
        properties: { id: ID, title: TEXT, description: LONG_TEXT },
      },
    },
    moves: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          /** A stage id, or "*" for every open stage. */
          from: { type: 'string', pattern: '^(\\*|[a-z0-9][a-z0-9-]{0,63})$' },
          to: ID,
          /** Who may make the move (both by default). */
          roles: ROLES,
          /** A worker's move waits for a supervisor of the office to approve it. */
          approval: { type: 'boolean' },
        },
      },
    },
    /** Stages that moved away in a new version, mapped to where their open cases go. */
    stageMap: { type: 'object', additionalProperties: ID, maxProperties: 30 },
    forms: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['form'],
        properties: {
          form: ID,
          /** The stages it is offered in; every open stage when absent. */
          stages: IDS,
        },
      },
    },
    deadlines: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'start', 'length'],
        properties: {
          id: ID,
          title: TEXT,
          description: LONG_TEXT,
          start: {
            type: 'object',
            additionalProperties: false,
            required: ['on'],
            properties: {
              on: { enum: EVENT_NAMES },
              /** For `submission`: which forms; for `move`: which stages; for `termination`: which reasons. */
              forms: IDS,
              stages: IDS,
              reasons: IDS,
              /** Count from a date (or date-time) in the submitted data instead of the day it happened. */
              field: POINTER,
            },
          },
          length: DEADLINE_LENGTH,
          metBy: {
            type: 'object',
            additionalProperties: false,
            properties: { forms: IDS, stages: IDS, transferAccepted: { type: 'boolean' } },
          },
          /** Starts again from the day it was met (a review every 6 months). */
          repeats: { type: 'boolean' },
          /** Only kept while the case is in these stages. */
          stages: IDS,
        },
      },
    },
    termination: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** Rulesets that must allow the closing; the events that allow and refuse it. */
        rulesets: RULESET_SELECTION,
        /** The fact the rules read the chosen reason from. */
        reasonFact: { type: 'string', pattern: FACT_NAME_PATTERN },
        allowEvent: TEXT,
        refuseEvent: TEXT,
        reasons: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'title'],
            properties: {
              id: ID,
              title: TEXT,
              description: LONG_TEXT,
              /** JSON Schema of the data this reason needs (its properties are facts for the rules). */
              data: { type: 'object' },
              roles: ROLES,
              approval: { type: 'boolean' },
              /** A person must write a note when using this reason. */
              noteRequired: { type: 'boolean' },
            },
          },
        },
      },
    },
    counters: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'form', 'expression'],
        properties: {
          name: { type: 'string', pattern: FACT_NAME_PATTERN },
          description: LONG_TEXT,
          form: ID,
          /** JSONata over the submitted data; `$previous` is the counter's value before it. */
          expression: EXPRESSION,
        },
      },
    },
    facts: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type', 'source'],
        properties: {
          name: { type: 'string', pattern: FACT_NAME_PATTERN },
          type: { enum: FACT_TYPES },
          description: LONG_TEXT,
          source: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              /** A JSON Pointer into the case head. */
              case: POINTER,
              /** A JSON Pointer into the latest submission of `form`. */
              form: ID,
              pointer: POINTER,
              /** JSONata over the case file `{case, forms, counters}`; other facts as `$name`. */
              expression: EXPRESSION,
            },
          },
        },
      },
    },
    /**
     * Facts shown with the case head and on its reports, in this order, e.g. the RRI score and
     * category: each a fact the type declares, with the title a person reads.
     */
    headline: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fact', 'title'],
        properties: { fact: { type: 'string', pattern: FACT_NAME_PATTERN }, title: TEXT },
      },
    },
    triggers: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['on', 'rulesets'],
        properties: {
          on: { enum: EVENT_NAMES },
          /** For `submission`: only these forms (every form when absent). */
          forms: IDS,
          rulesets: RULESET_SELECTION,
        },
      },
    },
    effects: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['event', 'as'],
        properties: {
          event: TEXT,
          /**
           * priority: params {level, reason, score?, responseHours?} set the case priority;
           * eligibility: params {program} mark the program eligible (the rule's conditions explain);
           * flag: the case carries this flag (with the rule's reasons) while the event fires;
           * deadline: params {length} (a deadline length) set how long the named deadline runs while
           * the event fires; when its rules run and none fires, the declared length applies again.
           */
          as: { enum: ['priority', 'eligibility', 'flag', 'deadline'] },
          title: TEXT,
          /** For a flag: the priority it raises the case to. */
          level: { enum: ['segera', 'tinggi', 'sedang', 'rendah'] },
          /** For a flag: the deadline it starts; for a deadline effect (required): the deadline it sets. */
          deadline: ID,
        },
      },
    },
    tests: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'caseFile', 'expect'],
        properties: {
          name: TEXT,
          /** `{case, forms, counters}` as a case would hold them, and the office's date. */
          caseFile: { type: 'object' },
          today: { type: 'string', format: 'date' },
          /** The facts expected (only those named are compared). */
          expect: { type: 'object' },
        },
      },
    },
  },
} as const;

export type CaseTypeContent = FromSchema<typeof CASE_TYPE_SCHEMA>;
export type StageSpec = CaseTypeContent['stages'][number];
export type MoveSpec = CaseTypeContent['moves'][number];
export type DeadlineSpec = NonNullable<CaseTypeContent['deadlines']>[number];
export type DeadlineLength = DeadlineSpec['length'];
export type FactSpec = NonNullable<CaseTypeContent['facts']>[number];
export type TriggerSpec = NonNullable<CaseTypeContent['triggers']>[number];
export type EffectSpec = NonNullable<CaseTypeContent['effects']>[number];
export type CounterSpec = NonNullable<CaseTypeContent['counters']>[number];
export type HeadlineSpec = NonNullable<CaseTypeContent['headline']>[number];
export type ReasonSpec = NonNullable<NonNullable<CaseTypeContent['termination']>['reasons']>[number];
export type RulesetSelection = NonNullable<TriggerSpec['rulesets']>;
export type CaseEventName = (typeof EVENT_NAMES)[number];

/** The first stage: where a new case opens. */
export const initialStage = (type: CaseTypeContent): string => type.stages[0]?.id ?? 'intake';

export const isOpenStage = (stage: string) => stage !== CLOSED_STAGE;

export function hasStage(type: CaseTypeContent, stage: string): boolean {
  return type.stages.some((spec) => spec.id === stage);
}

/** The declared move from `from` to `to`, if the case type has one. */
export function moveBetween(type: CaseTypeContent, from: string, to: string): MoveSpec | undefined {
  return (
    type.moves.find((move) => move.from === from && move.to === to) ??
    (isOpenStage(from) ? type.moves.find((move) => move.from === '*' && move.to === to) : undefined)
  );
}

/** The stages a case in `from` may move to. */
export function movesFrom(type: CaseTypeContent, from: string): MoveSpec[] {
  const seen = new Set<string>();
  const out: MoveSpec[] = [];
  for (const move of type.moves) {
    if (move.to === from || seen.has(move.to)) continue;
    if (move.from === from || (move.from === '*' && isOpenStage(from))) {
      seen.add(move.to);
      out.push(move);
    }
  }
  return out;
}

/** The forms offered on a case in `stage`. */
export function formsAt(type: CaseTypeContent, stage: string): string[] {
  if (!isOpenStage(stage)) return [];
  return (type.forms ?? [])
    .filter((entry) => entry.stages === undefined || entry.stages.includes(stage))
    .map((entry) => entry.form);
}

/** Every form the case type names anywhere (offered, counted, read by a fact, or meeting a deadline). */
export function formsNamed(type: CaseTypeContent): Set<string> {
  const forms = new Set<string>();
  for (const entry of type.forms ?? []) forms.add(entry.form);
  for (const counter of type.counters ?? []) forms.add(counter.form);
  for (const fact of type.facts ?? []) if (fact.source.form) forms.add(fact.source.form);
  for (const deadline of type.deadlines ?? []) {
    for (const form of [...(deadline.start.forms ?? []), ...(deadline.metBy?.forms ?? [])]) forms.add(form);
  }
  for (const trigger of type.triggers ?? []) for (const form of trigger.forms ?? []) forms.add(form);
  return forms;
}

/** Every ruleset selection the type makes: its triggers' and its termination gate's. */
export function ruleSelections(type: CaseTypeContent): RulesetSelection[] {
  return [
    ...(type.triggers ?? []).map((trigger) => trigger.rulesets),
    ...(type.termination?.rulesets ? [type.termination.rulesets] : []),
  ];
}

export const reasonOf = (type: CaseTypeContent, id: string): ReasonSpec | undefined =>
  type.termination?.reasons?.find((reason) => reason.id === id);

export const stageTitle = (type: CaseTypeContent, stage: string): string =>
  type.stages.find((spec) => spec.id === stage)?.title ?? stage;
