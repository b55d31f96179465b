/**
 * Request bodies are checked against a JSON Schema per route (types derived from the same schema),
 * so a malformed body is a 400 with field paths before any action logic runs.
 */
import type { ValidateFunction } from 'ajv';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { compileSchema } from './compile';
import { toDetails } from './errors';

export interface BodyParser<T> {
  (body: unknown, lang: Lang): T;
  schema: JSONSchema;
}

/** A parser for one request body schema, compiled once at module load. */
export function bodyParser<const S extends JSONSchema & object>(schema: S): BodyParser<FromSchema<S>> {
  const validate: ValidateFunction = compileSchema(schema as Record<string, unknown>);
  const parse = (body: unknown, lang: Lang): FromSchema<S> => {
    if (validate(body)) return body as FromSchema<S>;
    throw new AppError('invalid_request', { details: toDetails(validate.errors, lang) });
  };
  return Object.assign(parse, { schema: schema as JSONSchema });
}
