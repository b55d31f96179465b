/** Request body parsers: compiled on first use, in the one ajv instance Kawal's own schemas share. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/platform/errors';
import { compileOwnSchema, compileSchema } from '../../functions/validation/compile';
import { toDetails } from '../../functions/validation/errors';
import { bodyParser, declaredBodySchemas } from '../../functions/validation/request';

const refused = async (run: () => Promise<unknown>): Promise<AppError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
};

describe('a request body parser', () => {
  const schema = {
    type: 'object',
    required: ['title', 'count'],
    additionalProperties: false,
    properties: { title: { type: 'string', minLength: 1 }, count: { type: 'integer', minimum: 0 } },
  } as const;
  const parse = bodyParser(schema);

  it('returns a body that matches its schema', async () => {
    await expect(parse({ title: 'Litmas', count: 2 }, 'id')).resolves.toEqual({ title: 'Litmas', count: 2 });
  });

  it('refuses a bad body with the same details a validator of its own would give', async () => {
    const body = { title: '', count: -1, extra: true };
    const error = await refused(() => parse(body, 'id'));
    expect(error.code).toBe('invalid_request');
    const alone = compileSchema(schema);
    alone(body);
    expect(error.details).toEqual(toDetails(alone.errors, 'id'));
    expect(error.details?.map((detail) => detail.path).sort()).toEqual(['', '/count', '/title']);
    // And in English when asked.
    expect((await refused(() => parse(body, 'en'))).details).toEqual(toDetails(alone.errors, 'en'));
  });

  it('keeps its own errors when another parser ran in between', async () => {
    const other = bodyParser({ type: 'object', required: ['name'] } as const);
    const error = await refused(() => parse({ title: 'x' }, 'en'));
    await refused(() => other({}, 'en'));
    expect(error.details?.map((detail) => detail.path)).toEqual(['/count']);
    expect((await refused(() => parse({ title: 'x' }, 'en'))).details).toEqual(error.details);
  });
});

describe("Kawal's own schemas", () => {
  it('compile once per schema object in the shared instance', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(compileOwnSchema(schema)).toBe(compileOwnSchema(schema));
    expect(compileOwnSchema({ ...schema })).not.toBe(compileOwnSchema(schema));
  });

  it('every request body of every handler compiles', async () => {
    const dir = new URL('../../functions/api/', import.meta.url).pathname;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      await import(`${dir}${file}`);
    }
    await import('../../functions/local/login');
    const schemas = declaredBodySchemas();
    expect(schemas.length).toBeGreaterThan(25);
    for (const schema of schemas) {
      expect(() => compileOwnSchema(schema as Record<string, unknown>)).not.toThrow();
    }
  });
});

describe('content schemas', () => {
  it('compile apart: two forms with the same $id, or none, never meet', () => {
    const first = { $id: 'https://kawal.example/form', type: 'object', required: ['a'] };
    const second = { $id: 'https://kawal.example/form', type: 'object', required: ['b'] };
    expect(compileSchema(first)({ a: 1 })).toBe(true);
    expect(compileSchema(second)({ a: 1 })).toBe(false);
    expect(compileSchema(second)({ b: 1 })).toBe(true);
    // A $ref to another form's $id does not resolve from one compile to the next.
    const referring = { $ref: 'https://kawal.example/form' };
    expect(() => compileSchema(referring)).toThrow();
  });
});
