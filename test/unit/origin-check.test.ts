/**
 * In AWS the API answers only requests CloudFront forwarded: CloudFront adds `x-kawal-origin` with a
 * secret the functions also know (cdk/lib/site.ts), so a call to the API's own execute-api address,
 * even with a valid token, is refused before any action runs. Local mode sets no secret.
 */
import type { Context } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';

process.env.KAWAL_TABLE ??= 'unit';
process.env.KAWAL_ORIGIN_SECRET = 'rahasia-cloudfront-0123456789abcdef';
afterAll(() => {
  delete process.env.KAWAL_ORIGIN_SECRET;
});

const { createApiHandler } = await import('../../functions/platform/http');
const { ORIGIN_HEADER } = await import('../../functions/platform/security-headers');
type ApiEvent = import('../../functions/platform/http').ApiEvent;

describe('requests that did not come through the site', () => {
  let ran = 0;
  const handler = createApiHandler(
    [
      { method: 'GET', path: '/api/health', fn: 't', action: 'health', roles: 'public' },
      { method: 'GET', path: '/api/x', fn: 't', action: 'x', roles: ['worker'] },
    ],
    {
      health: async () => {
        ran++;
        return { body: { status: 'ok' } };
      },
      x: async () => {
        ran++;
        return { body: { ok: true } };
      },
    },
  );
  const event = (routeKey: string, headers: Record<string, string>): ApiEvent =>
    ({
      routeKey,
      rawPath: routeKey.split(' ')[1],
      headers,
      requestContext: {
        requestId: 'r1',
        authorizer: { jwt: { claims: { sub: 'u', 'cognito:groups': '[worker]' } } },
      },
    }) as unknown as ApiEvent;
  const context = { awsRequestId: 'r1' } as Context;

  it('are refused with 403 direct_access, in Indonesian by default, and run nothing', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { [ORIGIN_HEADER]: 'tebakan' },
      { [ORIGIN_HEADER]: 'rahasia-cloudfront-0123456789abcdeX' },
    ];
    for (const headers of attempts) {
      const result = await handler(event('GET /api/x', headers), context);
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body ?? '')).toEqual({
        error: { code: 'direct_access', message: 'Kawal hanya dapat dibuka melalui alamat situsnya.' },
      });
    }
    const english = await handler(event('GET /api/health', { 'accept-language': 'en' }), context);
    expect(JSON.parse(english.body ?? '').error.message).toBe(
      "Kawal is reached through its site's address only.",
    );
    expect(ran).toBe(0);
  });

  it('pass with the header CloudFront adds, public routes and others alike', async () => {
    const headers = { [ORIGIN_HEADER]: 'rahasia-cloudfront-0123456789abcdef' };
    expect((await handler(event('GET /api/health', headers), context)).statusCode).toBe(200);
    expect((await handler(event('GET /api/x', headers), context)).statusCode).toBe(200);
    expect(ran).toBe(2);
  });
});
