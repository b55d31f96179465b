/**
 * Starts the whole local stack: DynamoDB Local, the table from the shared spec, the default content
 * and demo accounts, the token issuer and the HTTP server. `npm start`, the integration and browser
 * tests, and the benchmarks all start Kawal through this one function.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handler as cases } from '../api/cases';
import { handler as directory } from '../api/directory';
import { handler as forms } from '../api/forms';
import { handler as people } from '../api/people';
import { handler as platform } from '../api/platform';
import { handler as processes } from '../api/processes';
import { handler as rulesets } from '../api/rulesets';
import { seedContentPacks } from '../cases/content-packs';
import { migrateCaseHeads } from '../cases/migrate';
import { importPack } from '../cases/packs';
import { handler as dailyJob } from '../jobs/deadlines';
import { SYSTEM_USER } from '../platform/claims';
import type { LambdaHandler } from '../platform/http';
import { seedDemo } from './demo';
import { type DynamoLocal, startDynamoLocal } from './dynamodb-local';
import { createIssuer, type Issuer } from './issuer';
import { createLoginHandler } from './login';
import { seedAccounts, seedOffices } from './seed';
import { startServer } from './server';
import { ensureTable } from './table';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The built web app the server serves: `web/dist`, or `KAWAL_WEB_DIR` (a build kept elsewhere). */
export const WEB_DIR = process.env.KAWAL_WEB_DIR ?? join(ROOT, 'web', 'dist');

export interface LocalOptions {
  port?: number;
  host?: string;
  /** Data folder, or 'memory'. */
  data?: string;
  /** Use an already running DynamoDB Local instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  demoPassword?: string;
  /** Serve the built web app (default true). */
  web?: boolean;
  /** Seed the fictional directory and demo cases on a new table (default true). */
  demo?: boolean;
  /**
   * A content pack (`GET /api/packs/export`) to furnish the store with instead of the shipped
   * forms and rules: an agency's own content on a laptop. Items already published as in the pack are left alone.
   */
  pack?: string;
  /** Called when the local store stopped and could not be brought back (`npm start` exits). */
  onStoreLost?: (error: Error) => void;
}

export interface LocalKawal {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  demoPassword: string;
  seeded: {
    forms: string[];
    rulesets: string[];
    caseTypes: string[];
    offices: string[];
    accounts: string[];
    demo: { services: number; cases: number };
    migrated: number;
  };
  /** The token issuer (tests use it to mint expired or odd tokens). */
  issuer: Issuer;
  stop(): Promise<void>;
}

/** Publishes what a pack file holds, forms first; answers what it published, as the shipped seeding does. */
async function seedFromPack(
  file: string,
): Promise<{ forms: string[]; rulesets: string[]; caseTypes: string[] }> {
  const pack: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const { items } = await importPack(pack, SYSTEM_USER, 'id', { dryRun: false, publish: true });
  const published = (kind: string) =>
    items.filter((i) => i.kind === kind && i.change !== 'same').map((i) => i.id);
  return { forms: published('form'), rulesets: published('ruleset'), caseTypes: published('caseType') };
}

export async function startLocal(options: LocalOptions = {}): Promise<LocalKawal> {
  // Local mode supports Node 20 on purpose (the Lambda runtime is Node 22); the pinned SDK works on both.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const data = options.data ?? join(ROOT, '.kawal');
  const tableName = options.tableName ?? 'kawal';
  const demoPassword = options.demoPassword ?? 'kawal-demo';

  // If Java stops under a running Kawal, it is started again on the same port over the same data
  // folder (a few times); with nothing to come back to (memory, or restarts failing) Kawal says so
  // through `onStoreLost` rather than answering 503 forever.
  const storage = data === 'memory' ? 'memory' : join(data, 'dynamodb');
  let stopped = false;
  let restarts = 0;
  let dynamo: DynamoLocal | undefined;
  const lost = (reason: string) =>
    options.onStoreLost?.(new Error(`DynamoDB Local berhenti dan tidak dapat dijalankan lagi: ${reason}`));
  const recover = async (detail: string) => {
    if (stopped || !dynamo) return;
    console.error(JSON.stringify({ level: 'warn', msg: 'DynamoDB Local stopped', detail }));
    restarts++;
    if (storage === 'memory') return lost('data di memori hilang bersama prosesnya');
    if (restarts > 3) return lost('sudah dicoba tiga kali');
    try {
      dynamo = await startDynamoLocal({ data: storage, port: dynamo.port, onUnexpectedExit: recover });
      console.error(JSON.stringify({ level: 'info', msg: 'DynamoDB Local restarted', port: dynamo.port }));
    } catch (error) {
      lost(String(error));
    }
  };
  dynamo = options.dynamoEndpoint
    ? undefined
    : await startDynamoLocal({ data: storage, onUnexpectedExit: (detail) => void recover(detail) });
  const dynamoEndpoint = options.dynamoEndpoint ?? (dynamo as DynamoLocal).endpoint;
  try {
    // The handlers read their configuration from the environment, as in Lambda.
    process.env.KAWAL_TABLE = tableName;
    process.env.KAWAL_DYNAMODB_ENDPOINT = dynamoEndpoint;
    await ensureTable(dynamoEndpoint, tableName);
    const offices = await seedOffices();
    const seeded = {
      ...(options.pack ? await seedFromPack(options.pack) : await seedContentPacks(ROOT)),
      offices,
      accounts: await seedAccounts(demoPassword),
      demo: options.demo === false ? { services: 0, cases: 0 } : await seedDemo(ROOT),
      // Cases an earlier Kawal wrote in this data folder, before case types: rebuilt by their type.
      migrated: await migrateCaseHeads(),
    };
    // The daily job EventBridge runs in AWS (the deadline sweep, then the day's decisions, each once a
    // day by its checkpoint): here at start and every hour, which resumes or skips what the day has done.
    const sweep = () =>
      dailyJob().catch((error: unknown) =>
        console.error(JSON.stringify({ level: 'error', job: 'deadlines', error: String(error) })),
      );
    await sweep();
    const timer = setInterval(sweep, 3_600_000);
    timer.unref();
    const issuer = await createIssuer(data === 'memory' ? undefined : join(data, 'issuer-key.json'));
    const handlers: Record<string, LambdaHandler> = {
      platform,
      forms,
      rulesets,
      processes,
      people,
      cases,
      directory,
      login: createLoginHandler(issuer),
    };
    const server = await startServer({
      port: options.port ?? 8080,
      host: options.host ?? '127.0.0.1',
      issuer,
      handlers,
      ...(options.web === false ? {} : { webDir: WEB_DIR }),
    });
    return {
      url: server.url,
      dynamoEndpoint,
      tableName,
      demoPassword,
      seeded,
      issuer,
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await server.close();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    stopped = true;
    await dynamo?.stop();
    throw error;
  }
}
