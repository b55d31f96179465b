import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/platform/errors';
import {
  type ApiEvent,
  type ApiRequest,
  createApiHandler,
  ifMatchVersion,
  negotiateLanguage,
} from '../../functions/platform/http';
import { messageFor, messages } from '../../functions/platform/messages';

process.env.KAWAL_TABLE ??= 'unit';

describe('language negotiation', () => {
  it.each([
    [undefined, 'id'],
    ['en', 'en'],
    ['en-GB,en;q=0.8', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['fr,en;q=0.5', 'en'],
    ['fr', 'id'],
    ['en;q=0.2,id;q=0.9', 'id'],
  ])('%s → %s', (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang);
  });
});

describe('If-Match', () => {
  const request = (value?: string) =>
    ({ headers: value === undefined ? {} : { 'if-match': value } }) as ApiRequest;
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"12"', 12],
    [undefined, undefined],
    ['*', undefined],
  ])('reads %s as %s', (value, expected) => {
    expect(ifMatchVersion(request(value))).toBe(expected);
  });
  it('refuses anything else with invalid_parameter', () => {
    expect(() => ifMatchVersion(request('abc'))).toThrow(AppError);
  });
});

describe('messages', () => {
  it('has every message in both languages and fills placeholders', () => {
    for (const [code, text] of Object.entries(messages)) {
      expect(text.id, code).not.toBe('');
      expect(text.en, code).not.toBe('');
    }
    expect(messageFor('form_not_found', 'id', { id: 'abc' })).toBe('Formulir "abc" tidak ditemukan.');
    expect(messageFor('form_not_found', 'en', { id: 'abc' })).toBe('Form "abc" was not found.');
  });
});

describe('the handler stack', () => {
  const handler = createApiHandler(
    [
      { method: 'GET', path: '/x', fn: 't', action: 'boom', roles: ['worker'] },
      { method: 'POST', path: '/y', fn: 't', action: 'echo', roles: 'public' },
    ],
    {
      boom: async () => {
        throw new Error('secret table name kawal-prod in stack');
      },
      echo: async ({ body }) => ({ status: 201, body, etag: 4 }),
    },
  );
  const event = (routeKey: string, extra: Partial<ApiEvent> = {}): ApiEvent =>
    ({
      routeKey,
      rawPath: routeKey.split(' ')[1],
      headers: {},
      requestContext: {
        requestId: 'r1',
        authorizer: { jwt: { claims: { sub: 'u', 'cognito:groups': '[worker]' } } },
      },
      ...extra,
    }) as unknown as ApiEvent;
  const context = { awsRequestId: 'r1' } as Context;

  it('turns an unexpected error into a generic 500 that leaks nothing', async () => {
    // Its log line, with the error, is checked in observability.test.ts.
    const result = await handler(event('GET /x'), context);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret');
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'internal_error', message: 'Terjadi kesalahan pada server.' },
    });
  });

  it('parses JSON bodies, including base64-encoded ones, and sets the ETag', async () => {
    const body = Buffer.from('{"a":1}').toString('base64');
    const result = await handler(
      event('POST /y', { body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }),
      context,
    );
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toEqual({ a: 1 });
    expect(result.headers?.etag).toBe('"4"');
  });

  it('answers 403 to a caller without an allowed role and 401 without claims', async () => {
    const noRole = event('GET /x');
    (noRole.requestContext.authorizer.jwt.claims as Record<string, string>)['cognito:groups'] = '[admin]';
    expect((await handler(noRole, context)).statusCode).toBe(403);
    const anonymous = event('GET /x');
    anonymous.requestContext.authorizer.jwt.claims = {};
    expect((await handler(anonymous, context)).statusCode).toBe(401);
  });

  it('refuses to build a handler whose route names a missing action', () => {
    expect(() =>
      createApiHandler([{ method: 'GET', path: '/z', fn: 't', action: 'nope', roles: 'public' }], {}),
    ).toThrow(/No action "nope"/);
  });
});
