/**
 * Request bodies are checked against a JSON Schema per route (types derived from the same schema),
 * so a malformed body is a 400 with field paths before any action logic runs.
 */
import type { ValidateFunction } from 'ajv';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { loadCompiler, loadErrorDetails } from './lazy';

export interface BodyParser<T> {
  (body: unknown, lang: Lang): Promise<T>;
  schema: JSONSchema;
}

const declared: JSONSchema[] = [];

/**
 * A parser for one request body schema. The schema is compiled on the parser's first use, not when
 * the handler's module loads (a Lambda pays for only the routes it serves), in the ajv instance all
 * of Kawal's own schemas share; ajv's compiler itself is loaded then (`await import`, a chunk of its
 * own in the Lambda package), so a cold start that serves a read never loads it. The messages of a
 * refused body (ajv-i18n's, the fields' own) load with the first refusal.
 */
export function bodyParser<const S extends JSONSchema & object, T = FromSchema<S>>(schema: S): BodyParser<T> {
  let validate: ValidateFunction | undefined;
  const parse = async (body: unknown, lang: Lang): Promise<T> => {
    validate ??= (await loadCompiler()).compileOwnSchema(schema as Record<string, unknown>);
    if (validate(body)) return body as T;
    const { toDetails } = await loadErrorDetails();
    throw new AppError('invalid_request', { details: toDetails(validate.errors, lang) });
  };
  declared.push(schema);
  return Object.assign(parse, { schema: schema as JSONSchema });
}

/** The schemas of every parser declared so far in this process (to check that they all compile). */
export function declaredBodySchemas(): readonly JSONSchema[] {
  return declared;
}
