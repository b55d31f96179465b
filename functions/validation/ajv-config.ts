/**
 * The one ajv configuration the browser (through @rjsf/validator-ajv8) and the server share, so a
 * form is judged the same on both sides. The values mirror @rjsf/validator-ajv8's own defaults; a unit
 * test fails if they drift. This module must not import @rjsf/* (which needs React) so Lambda
 * bundles stay small.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { RE2JS } from 're2js';

/**
 * `pattern` and `patternProperties` run on RE2 (re2js): matching takes time linear in the input, so
 * no pattern an administrator writes can hold the process (a backtracking engine takes seconds on
 * `^(a+)+$`). RE2 has no backreferences or lookarounds; the form check refuses such a pattern on save.
 */
export const linearRegExp = Object.assign(
  (pattern: string): { test: (input: string) => boolean; toString: () => string } => {
    const compiled = RE2JS.compile(pattern);
    // ajv keys its compiled patterns by toString(): each must name its own pattern.
    return { test: (input: string) => compiled.test(input), toString: () => `/${pattern}/` };
  },
  // What ajv's standalone code would import; Kawal compiles schemas at run time and never uses it.
  { code: 'require("re2js").RE2JS' },
);

/** Whether RE2 can run a pattern; the reason when it cannot. */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** RJSF's own ajv defaults (a unit test keeps them equal), plus the linear-time pattern engine. */
export const AJV_OPTIONS = {
  allErrors: true,
  multipleOfPrecision: 8,
  strict: false,
  verbose: true,
  discriminator: false,
  code: { regExp: linearRegExp },
} as const satisfies Options;

export const COLOR_FORMAT =
  /^(#?([0-9A-Fa-f]{3}){1,2}\b|aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|(rgb\(\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*\))|(rgb\(\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*\)))$/;
export const DATA_URL_FORMAT = /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/;

/** Formats beyond ajv-formats that RJSF widgets produce. */
export const CUSTOM_FORMATS = { color: COLOR_FORMAT, 'data-url': DATA_URL_FORMAT } as const;

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
