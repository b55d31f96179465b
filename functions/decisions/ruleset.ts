/** The shape of a ruleset's content (what administrators edit), as JSON Schema and as types. */
import type { FromSchema } from 'json-schema-to-ts';
import { FACT_TYPES } from '../domain/facts';

export const FACT_NAME = '^[a-zA-Z][a-zA-Z0-9_]{0,63}$';

const event = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 100 },
    params: { type: 'object' },
  },
} as const;

export const RULESET_CONTENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'rules'],
  properties: {
    kind: { type: 'string', minLength: 1, maxLength: 50 },
    /**
     * The case types this ruleset decides for. For each kind, a case is decided by the rulesets that
     * name its type, or, when none does, by those that name no type (the general ones).
     */
    caseTypes: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,49}$' },
    },
    facts: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name', 'type'],
        properties: {
          name: { type: 'string', pattern: FACT_NAME },
          type: { enum: FACT_TYPES },
          description: { type: 'string', maxLength: 2000 },
          /** How the fact is named in an explanation, e.g. "Masa pidana yang telah dijalani". */
          title: { type: 'string', minLength: 1, maxLength: 200 },
          /** The unit of its values in an explanation, e.g. "bulan". */
          unit: { type: 'string', minLength: 1, maxLength: 50 },
        },
      },
    },
    rules: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['conditions', 'event'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          description: { type: 'string', maxLength: 4000 },
          priority: { type: 'integer', minimum: 1, maximum: 1000 },
          conditions: { type: 'object' },
          event,
        },
      },
    },
    tests: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['name', 'facts', 'expect'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          facts: { type: 'object' },
          expect: {
            type: 'object',
            required: ['events'],
            properties: { events: { type: 'array', items: event } },
          },
        },
      },
    },
  },
} as const;

export type RulesetContent = FromSchema<typeof RULESET_CONTENT_SCHEMA>;
export type RuleJson = RulesetContent['rules'][number];
export type RulesetTest = NonNullable<RulesetContent['tests']>[number];
export type EventJson = RuleJson['event'];
export type DeclaredFact = NonNullable<RulesetContent['facts']>[number];

/** A leaf condition: a fact compared to a value. */
export interface LeafCondition {
  /** What the condition means to a person, e.g. "Telah menjalani 2/3 masa pidana". */
  name?: string;
  /**
   * The condition as a sentence with the values the rule used: `{{factValue}}` (the value read) and
   * `{{value}}` (the value compared with), e.g. "Telah menjalani {{factValue}} dari {{value}} bulan".
   */
  text?: string;
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
}

/** The name a rule is known by: its own, or its position. */
export function ruleName(rule: { name?: string }, index: number): string {
  return rule.name ?? `aturan-${index + 1}`;
}
