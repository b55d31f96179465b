/**
 * Runs the official DynamoDB Local (the AWS jar shipped in the npm package amplify-dynamodb-simulator)
 * with the machine's Java, on a free loopback port. A small shell guard sits between Node and Java: it
 * holds a pipe to this process and stops Java when the pipe closes, so Java never outlives Kawal, even
 * when Node is killed outright.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import getPort from 'get-port';

export interface DynamoLocalOptions {
  /** A folder for the data files, or 'memory' to keep nothing. */
  data: string | 'memory';
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
  /** Called when Java stops without being asked to (crash, killed, out of memory). */
  onUnexpectedExit?: (detail: string) => void;
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** The Java process id (for tests that check nothing is left behind). */
  javaPid: number | undefined;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs Java 17 or newer, and "java" could not be run (${detail}). ` +
        'Install a JRE (on Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.',
    );
    this.name = 'JavaMissingError';
  }
}

const GUARD = `
"$@" &
child=$!
echo "$child"
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
exec 3<&0
cat <&3 >/dev/null &
watcher=$!
while kill -0 "$child" 2>/dev/null && kill -0 "$watcher" 2>/dev/null; do sleep 1; done
kill "$watcher" 2>/dev/null
kill -TERM "$child" 2>/dev/null
wait "$child"
`;

/** The jar's folder inside node_modules. */
export function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Fails with a clear message when Java is absent or older than 17. */
export function checkJava(java = javaBinary()): void {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) throw new JavaMissingError(result.error.message);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match?.[1] === '1' ? Number(match[2]) : Number(match?.[1]);
  if (!Number.isFinite(major) || major < 17)
    throw new JavaMissingError(`found version ${match?.[0] ?? 'unknown'}`);
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await sleep(150);
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local and resolves once it answers. */
export async function startDynamoLocal(options: DynamoLocalOptions): Promise<DynamoLocal> {
  const java = javaBinary();
  checkJava(java);
  const dir = emulatorDir();
  const port = options.port ?? (await getPort({ host: '127.0.0.1' }));
  const storage = options.data === 'memory' ? ['-inMemory'] : ['-dbPath', resolve(options.data)];
  if (options.data !== 'memory') mkdirSync(resolve(options.data), { recursive: true });
  const args = [
    java,
    '-Xmx512m',
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
  ];
  const child = spawn('sh', ['-c', GUARD, 'kawal-dynamodb-guard', ...args], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let javaPid: number | undefined;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (javaPid === undefined) {
      const first = /^(\d+)\s/.exec(chunk);
      if (first?.[1]) javaPid = Number(first[1]);
    }
    log.push(chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
  let stopping = false;
  let ready = false;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      done();
      if (!stopping && ready)
        options.onUnexpectedExit?.(`code ${code ?? signal}; ${log.join('').slice(-500)}`);
    }),
  );

  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const killer = setTimeout(() => {
      if (javaPid !== undefined) {
        try {
          process.kill(javaPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(killer);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, options.startTimeoutMs ?? 30_000);
    ready = true;
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log.join('').slice(-2000)}`);
  }
  return {
    endpoint,
    port,
    get javaPid() {
      return javaPid;
    },
    stop,
  };
}
