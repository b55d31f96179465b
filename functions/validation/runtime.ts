/**
 * What a compiled form validator needs while it runs, without ajv's compiler: the linear-time pattern
 * engine, Kawal's extra formats, and the runtime object a precompiled validator module is handed
 * (`standalone.ts` writes the modules; the browser imports them, so it never compiles a schema and the
 * web app runs under a Content-Security-Policy without 'unsafe-eval'). The web bundles this module:
 * nothing here may import `ajv` itself, only its small runtime helpers.
 */

import equalExport from 'ajv/dist/runtime/equal';
import ucs2lengthExport from 'ajv/dist/runtime/ucs2length';
import { fullFormats } from 'ajv-formats/dist/formats';
import { RE2JS } from 're2js';

/**
 * `pattern` and `patternProperties` run on RE2 (re2js): matching takes time linear in the input, so
 * no pattern an administrator writes can hold the process (a backtracking engine takes seconds on
 * `^(a+)+$`). RE2 has no backreferences or lookarounds; the form check refuses such a pattern on save.
 * In a precompiled module the engine is the runtime's `regExp` (ajv writes `code` where it calls it).
 */
export const linearRegExp = Object.assign(
  (pattern: string): { test: (input: string) => boolean; toString: () => string } => {
    const compiled = RE2JS.compile(pattern);
    // ajv keys its compiled patterns by toString(): each must name its own pattern.
    return { test: (input: string) => compiled.test(input), toString: () => `/${pattern}/` };
  },
  { code: 'runtime.regExp' },
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

export const COLOR_FORMAT =
  /^(#?([0-9A-Fa-f]{3}){1,2}\b|aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|(rgb\(\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*\))|(rgb\(\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*\)))$/;
export const DATA_URL_FORMAT = /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/;

/** Formats beyond ajv-formats that RJSF widgets produce. */
export const CUSTOM_FORMATS = { color: COLOR_FORMAT, 'data-url': DATA_URL_FORMAT } as const;

/**
 * ajv's runtime helpers are CommonJS modules exporting `default`: a bundler hands over that export,
 * Node's own loader the whole exports object.
 */
function defaultExport<T>(imported: T): T {
  return typeof imported === 'function' ? imported : (imported as unknown as { default: T }).default;
}

/**
 * Everything a precompiled validator module refers to, by the names its code uses (`runtime.equal`,
 * `runtime.formats["date"]`, …): ajv's helpers, every format the server's ajv knows (ajv-formats' full
 * set and Kawal's own), and the pattern engine.
 */
export const VALIDATOR_RUNTIME = {
  equal: defaultExport(equalExport),
  ucs2length: defaultExport(ucs2lengthExport),
  formats: { ...fullFormats, ...CUSTOM_FORMATS },
  regExp: linearRegExp,
} as const;

export type ValidatorRuntime = typeof VALIDATOR_RUNTIME;

/**
 * What a module's code is made with; part of its URL, so a browser never keeps a module written by
 * another ajv or @rjsf (their hashes and helpers) or another module format. A unit test keeps the
 * versions equal to the installed packages: an upgrade fails it until this changes.
 */
export const VALIDATOR_MODULE_BUILD = { format: 1, ajv: '8.20.0', rjsf: '6.11.1' } as const;

/** The build as one URL-safe word (`1-8.20.0-6.11.1`). */
export const VALIDATOR_MODULE_VERSION = `${VALIDATOR_MODULE_BUILD.format}-${VALIDATOR_MODULE_BUILD.ajv}-${VALIDATOR_MODULE_BUILD.rjsf}`;

/** A compiled validator as the module exports it (ajv's ValidateFunction, as rjsf's precompiled validator takes it). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

/**
 * A precompiled validator module: `root` is the key of the whole schema's validator; `default` builds
 * every validator, keyed by @rjsf/utils' `hashForSchema` of the schema it checks.
 */
export interface ValidatorModule {
  root: string;
  default: (runtime: ValidatorRuntime) => Record<string, CompiledValidator>;
}
