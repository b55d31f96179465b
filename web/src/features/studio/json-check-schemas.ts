/**
 * The fixed schemas the studio's JSON editors check documents against: the JSON Schema draft-07
 * meta-schema (a form's schema) and a case type's shape. `json-checks.ts` gets their validators
 * precompiled when the web app is built (`web/vite-json-checks.ts` reads this module), so the browser
 * compiles nothing; the editors also complete and explain keys from them.
 */
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import type { JSONSchema7 } from 'json-schema';
import { CASE_TYPE_SCHEMA } from '../../../../functions/domain/case-type';

/** The case type document as the editor holds it: the content with its title and description. */
const CASE_TYPE_EDITOR_SCHEMA = {
  ...CASE_TYPE_SCHEMA,
  required: [...CASE_TYPE_SCHEMA.required, 'title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    ...CASE_TYPE_SCHEMA.properties,
  },
};

export const JSON_CHECK_SCHEMAS = {
  formSchema: draft07 as JSONSchema7,
  caseType: CASE_TYPE_EDITOR_SCHEMA as unknown as JSONSchema7,
} as const;

export type JsonCheckName = keyof typeof JSON_CHECK_SCHEMAS;
