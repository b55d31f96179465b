/**
 * Test helpers: a Kawal on its own table over the shared DynamoDB Local, and a small HTTP client that
 * logs in as the demo accounts. Integration tests refuse to run without the local endpoint.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalKawal, startLocal } from '../../functions/local/app';

export const PASSWORD = 'kawal-test';

export async function startTestKawal(): Promise<LocalKawal> {
  const dynamoEndpoint = inject('dynamoEndpoint');
  if (!dynamoEndpoint) throw new Error('No DynamoDB Local endpoint: run integration tests through vitest');
  return startLocal({
    port: 0,
    data: 'memory',
    dynamoEndpoint,
    tableName: `kawal-test-${randomUUID()}`,
    demoPassword: PASSWORD,
    web: false,
    demo: false,
  });
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Client {
  token: string;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
}

/** Sends a request and parses a JSON answer. */
export async function send<T>(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    body: (json && text ? JSON.parse(text) : text || undefined) as T,
  };
}

export async function login(kawal: LocalKawal, username: string): Promise<Client> {
  const reply = await send<{ token: string }>(kawal.url, 'POST', '/api/auth/login', {
    body: { username, password: PASSWORD },
  });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
  const { token } = reply.body;
  return {
    token,
    request: (method, path, options = {}) => send(kawal.url, method, path, { ...options, token }),
  };
}
