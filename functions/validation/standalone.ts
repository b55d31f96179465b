/**
 * Precompiled form validators: ajv's standalone code for a form's schema, compiled by the server's
 * own ajv (`compile.ts`: Kawal's options, the schema's draft, every format, the RE2 pattern engine)
 * and written as an ES module the browser imports, so the web app validates without compiling (no
 * `new Function`, no 'unsafe-eval' in its Content-Security-Policy) and judges a form exactly as the
 * server does.
 *
 * The module holds one validator for the whole schema and one for each part rjsf checks on its own
 * while rendering (an `if`, the options of a `oneOf`, …), found by @rjsf/utils' `schemaParser` as
 * rjsf's own precompiled validators are, and keyed by `hashForSchema` as rjsf looks them up. Only the
 * parser (a pure function of the schema) comes from @rjsf: nothing that needs React.
 *
 *     export const root = "<key of the whole schema>";
 *     export default function validators(runtime) { …; return { "<key>": validate, … }; }
 *
 * It imports nothing: its code reaches ajv's helpers, the formats and the pattern engine through
 * `runtime`, the object the web bundles (`VALIDATOR_RUNTIME` in `runtime.ts`). The schema's root
 * `examples` (an administrator's example data) are left out: the module is served without a token.
 */
import { hashForSchema, ID_KEY, type RJSFSchema, schemaParser } from '@rjsf/utils';
import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import { AppError } from '../platform/errors';
import { draftOf } from './ajv-config';
import { newAjv } from './compile';

type Json = Record<string, unknown>;

/**
 * What ajv's generated code requires, and the runtime name each becomes. The pattern engine's and the
 * formats' names are set where ajv reads them (`linearRegExp.code`, the `formats` code option).
 */
const RUNTIME_REFERENCES: Readonly<Record<string, string>> = {
  'require("ajv/dist/runtime/equal").default': 'runtime.equal',
  'require("ajv/dist/runtime/ucs2length").default': 'runtime.ucs2length',
};

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A part checked on its own keeps the root's definitions, so a `$ref` in it still resolves. */
function withDefinitions(part: Json, root: Json): Json {
  if (!JSON.stringify(part).includes('"$ref"')) return part;
  return {
    ...part,
    ...(isRecord(root.definitions) && !('definitions' in part) ? { definitions: root.definitions } : {}),
    ...(isRecord(root.$defs) && !('$defs' in part) ? { $defs: root.$defs } : {}),
  };
}

/** Replaces each runtime `require` with its runtime name; throws if ajv asked for anything else. */
function linkRuntime(code: string): string {
  let linked = code;
  for (const [reference, name] of Object.entries(RUNTIME_REFERENCES))
    linked = linked.split(reference).join(name);
  const unknown = /require\([^)]*\)/.exec(linked);
  if (unknown)
    throw new Error(`ajv standalone code needs ${unknown[0]}, which the validator runtime does not provide`);
  return linked;
}

/**
 * The ES module text of the validators of `schema` (as the browser shows it: see `formToShow`).
 * Throws `invalid_form_schema` (422) when the schema does not compile, with ajv's reason.
 */
export function validatorModule(schema: Json): string {
  const draft = draftOf(schema);
  if (!draft) {
    throw new AppError('invalid_form_schema', {
      details: [{ path: '/$schema', message: `unsupported $schema: ${String(schema.$schema)}` }],
    });
  }
  const { examples: _examples, ...shown } = schema;
  const ajv = newAjv(draft, { source: true, formats: _`runtime.formats` });
  // The parser keys the whole schema as it keys every part: its own `$id`, else its hash.
  const root = typeof shown[ID_KEY] === 'string' ? shown[ID_KEY] : hashForSchema(shown as RJSFSchema);
  let code: string;
  try {
    const parts = schemaParser(shown as RJSFSchema) as Record<string, Json>;
    if (!Object.hasOwn(parts, root)) throw new Error('schemaParser did not key the schema as expected');
    for (const [key, part] of Object.entries(parts)) ajv.addSchema(withDefinitions(part, shown), key);
    code = standaloneCode(ajv);
  } catch (error) {
    throw new AppError('invalid_form_schema', {
      details: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
      cause: error,
    });
  }
  return moduleText(code, [
    '// Kawal: precompiled validators of a form (ajv standalone code); see functions/validation/standalone.ts.',
    `export const root = ${JSON.stringify(root)};`,
  ]);
}

/** ajv's CommonJS standalone code as a module exporting `validators(runtime)`, after `preamble`. */
function moduleText(code: string, preamble: readonly string[]): string {
  return [
    ...preamble,
    'export default function validators(runtime) {',
    'const exports = {};',
    linkRuntime(code).replace(/^"use strict";/, ''),
    'return exports;',
    '}',
    '',
  ].join('\n');
}

/**
 * Fixed schemas (the studio editors': the JSON Schema meta-schema, the case type's shape) compiled
 * once, when the web app is built, into one module of named checks, `validators(runtime).<name>`:
 * ajv's defaults and every format, as the editors checked them before. A schema ajv already holds
 * under its `$id` (a meta-schema) is taken from ajv.
 */
export function checksModule(schemas: Readonly<Record<string, Json>>): string {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    code: { source: true, formats: _`runtime.formats` },
  });
  addFormats(ajv);
  const refs: Record<string, string> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const id = typeof schema.$id === 'string' ? schema.$id : undefined;
    if (id !== undefined && ajv.getSchema(id)) {
      refs[name] = id;
    } else {
      ajv.addSchema(schema, name);
      refs[name] = name;
    }
  }
  return moduleText(standaloneCode(ajv, refs), [
    "// Kawal: the studio editors' checks (ajv standalone code); see functions/validation/standalone.ts.",
  ]);
}
