/**
 * The one ajv configuration the browser (through @rjsf/validator-ajv8, running validators the server
 * precompiled with it: standalone.ts) and the server share, so a form is judged the same on both sides. The values mirror @rjsf/validator-ajv8's own defaults; a unit
 * test fails if they drift. This module must not import @rjsf/* (which needs React) so Lambda
 * bundles stay small. The pattern engine and the extra formats live in `runtime.ts`, which
 * precompiled validators (`standalone.ts`) use without the compiler.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { linearRegExp } from './runtime';

/** RJSF's own ajv defaults (a unit test keeps them equal), plus the linear-time pattern engine. */
export const AJV_OPTIONS = {
  allErrors: true,
  multipleOfPrecision: 8,
  strict: false,
  verbose: true,
  discriminator: false,
  code: { regExp: linearRegExp },
} as const satisfies Options;

/** The JSON Schema drafts a form may declare with `$schema`; draft-07 when it declares none. */
export const DRAFTS = {
  'draft-07': {
    uris: ['http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-07/schema'],
    Ajv,
  },
  '2019-09': { uris: ['https://json-schema.org/draft/2019-09/schema'], Ajv: Ajv2019 },
  '2020-12': { uris: ['https://json-schema.org/draft/2020-12/schema'], Ajv: Ajv2020 },
} as const;

export type DraftName = keyof typeof DRAFTS;

/** The draft a schema declares; undefined for a `$schema` Kawal does not support. */
export function draftOf(schema: { $schema?: unknown }): DraftName | undefined {
  if (schema.$schema === undefined) return 'draft-07';
  for (const [name, draft] of Object.entries(DRAFTS) as [DraftName, (typeof DRAFTS)[DraftName]][]) {
    if ((draft.uris as readonly unknown[]).includes(schema.$schema)) return name;
  }
  return undefined;
}

/** The ajv class for a schema's draft (draft-07 when unsupported; callers check `draftOf` first). */
export function ajvClassFor(schema: { $schema?: unknown }): typeof Ajv {
  return DRAFTS[draftOf(schema) ?? 'draft-07'].Ajv;
}
