/**
 * `npm start` must never leave Java behind: stopped with SIGTERM or Ctrl-C, or killed outright.
 * These tests run the real entry point (functions/local/main.ts) in a child process.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { checkJava, JavaMissingError } from '../../functions/local/dynamodb-local';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  javaPid: number;
}

function javaPidsOn(port: string): number[] {
  try {
    // Anchored on the java binary so the shell guard (whose arguments repeat the command) is not counted.
    return execFileSync('pgrep', ['-f', `^\\S*java .*DynamoDBLocal\\.jar -port ${port} `], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startMain(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', KAWAL_DATA: 'memory', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !/Ctrl-C/.test(output) && child.exitCode === null) await sleep(100);
  const url = /Kawal berjalan di (\S+)/.exec(output)?.[1];
  const port = /DynamoDB Local: http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
  if (!url || !port) throw new Error(`Kawal did not start:\n${output}`);
  const pids = javaPidsOn(port);
  const [javaPid] = pids;
  if (pids.length !== 1 || javaPid === undefined)
    throw new Error(`expected one Java process on port ${port}: ${pids}`);
  return { child, output: () => output, url, javaPid };
}

async function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitUntilGone(pid: number, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

describe('the local launcher', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops Java when Kawal gets %s', async (signal) => {
    const started = await startMain();
    expect(alive(started.javaPid)).toBe(true);
    const health = await fetch(`${started.url}/api/health`);
    expect(health.status).toBe(200);
    started.child.kill(signal);
    expect(await waitForExit(started.child)).toBe(0);
    expect(await waitUntilGone(started.javaPid)).toBe(true);
  });

  it('stops Java even when Node is killed outright (SIGKILL)', async () => {
    const started = await startMain();
    started.child.kill('SIGKILL');
    await waitForExit(started.child);
    expect(await waitUntilGone(started.javaPid)).toBe(true);
  });

  it('starts Java again over the same data folder when it dies, and keeps answering', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kawal-data-'));
    const started = await startMain({ KAWAL_DATA: data });
    try {
      expect((await fetch(`${started.url}/api/forms`)).status).toBe(401);
      const login = await fetch(`${started.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'pk1', password: 'kawal-demo' }),
      });
      const { token } = (await login.json()) as { token: string };
      const forms = () =>
        fetch(`${started.url}/api/forms`, { headers: { authorization: `Bearer ${token}` } });
      expect((await forms()).status).toBe(200);
      process.kill(started.javaPid, 'SIGKILL');
      let status = 0;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && status !== 200) {
        await sleep(500);
        status = (await forms()).status;
      }
      // The same data: the published forms are still there, and Kawal kept running.
      expect(status).toBe(200);
      expect(started.child.exitCode).toBeNull();
      expect(started.output()).toMatch(/DynamoDB Local restarted/);
    } finally {
      started.child.kill('SIGTERM');
      await waitForExit(started.child);
    }
  }, 180_000);

  it('exits with a clear message when an in-memory store dies', async () => {
    const started = await startMain();
    process.kill(started.javaPid, 'SIGKILL');
    expect(await waitForExit(started.child)).toBe(1);
    expect(started.output()).toMatch(/DynamoDB Local berhenti dan tidak dapat dijalankan lagi/);
  }, 120_000);

  it('says clearly that Java is missing', async () => {
    expect(() => checkJava('/nonexistent/java')).toThrow(JavaMissingError);
    expect(() => checkJava('/nonexistent/java')).toThrow(/Java 17/);
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', KAWAL_DATA: 'memory', JAVA_HOME: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    expect(await waitForExit(child)).toBe(1);
    expect(output).toMatch(/DynamoDB Local needs Java 17 or newer/);
  });
});
