/**
 * Test helpers: a Kawal on its own table over the shared DynamoDB Local, and a small HTTP client that
 * logs in as the demo accounts. Integration tests refuse to run without the local endpoint.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalKawal, startLocal } from '../../functions/local/app';

export const PASSWORD = 'kawal-test';

/** A Kawal on a new table; with `demo`, the fictional directory and demo cases too. */
export async function startTestKawal(options: { demo?: boolean } = {}): Promise<LocalKawal> {
  const dynamoEndpoint = inject('dynamoEndpoint');
  if (!dynamoEndpoint) throw new Error('No DynamoDB Local endpoint: run integration tests through vitest');
  return startLocal({
    port: 0,
    data: 'memory',
    dynamoEndpoint,
    tableName: `kawal-test-${randomUUID()}`,
    demoPassword: PASSWORD,
    web: false,
    demo: options.demo === true,
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

/** Another Kawal in its own process (see second-instance.ts); `stop` ends it. */
export interface OtherInstance {
  url: string;
  stop(): void;
}

/**
 * Starts another Kawal process over the same DynamoDB Local: on `tableName` (another instance of the
 * same installation when the table is shared), with its content from `pack` and the demo cases when given.
 */
export async function startOtherInstance(options: {
  dynamoEndpoint: string;
  tableName: string;
  pack?: string;
  contentTtlMs?: number;
}): Promise<OtherInstance> {
  const args = [options.dynamoEndpoint, options.tableName, PASSWORD, ...(options.pack ? [options.pack] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/second-instance.ts', ...args], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      ...(options.contentTtlMs ? { KAWAL_CONTENT_TTL_MS: String(options.contentTtlMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The instance also logs its start-up jobs as JSON lines; the one with `url` says it serves.
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the other instance exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

export async function login(kawal: { url: string }, username: string): Promise<Client> {
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
