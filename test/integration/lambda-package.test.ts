/**
 * The package Lambda runs answers like the handlers every other test reaches through the local
 * server. The `forms` and `cases` handlers are bundled as the stack bundles them (cdk/lib/bundle.ts:
 * esbuild, code splitting, minified, source maps) and run in a fresh Node process over DynamoDB Local,
 * with API Gateway's events and the claims of a signed-in PK. The requests reach every chunk kept out of
 * the start: ajv's compiler (a refused body, a form check), calculations (JSONata), the standalone
 * validator writer, a case type's fact sources and json-rules-engine (a case's decisions), and, with
 * tracing on as in Lambda, the X-Ray SDK, whose subsegments are read from a stand-in daemon.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler, ENTRY_FILE } from '../../cdk/lib/bundle';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';
import type { LocalKawal } from '../../functions/local/app';
import { type Client, login, startTestKawal } from '../support/kawal';

const run = promisify(execFile);

/** Imports the handler, answers each event in turn, and writes the answers as JSON to a file. */
const RUNNER = `import { readFileSync, writeFileSync } from 'node:fs';
const [bundle, eventsFile, answersFile] = process.argv.slice(2);
const { handler } = await import(bundle);
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const context = {
  awsRequestId: 'package-test', functionName: 'kawal-package-test', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:kawal-package-test',
  getRemainingTimeInMillis: () => 10000,
};
const answers = [];
for (const event of events) answers.push(await handler(event, context));
writeFileSync(answersFile, JSON.stringify(answers));
`;

interface Answer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

let kawal: LocalKawal;
let pk1: Client;
let claims: Record<string, unknown>;
let caseId: string;
const dir = mkdtempSync(join(tmpdir(), 'kawal-package-'));

beforeAll(async () => {
  kawal = await startTestKawal({ demo: true });
  pk1 = await login(kawal, 'pk1');
  claims = decodeJwt(pk1.token) as Record<string, unknown>;
  const caseload = await pk1.request<{ items: { id: string; caseType: string }[] }>('GET', '/api/cases');
  // An adult in integrasi: PB, CB and asimilasi are decided from the case's litmas.
  const integrasi = caseload.body.items.find((item) => item.caseType === 'integrasi');
  if (!integrasi) throw new Error('the demo caseload has no integrasi case');
  caseId = integrasi.id;
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
}, 120_000);

afterAll(async () => {
  await kawal?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An HTTP API (payload 2.0) event for a route, as API Gateway sends it after the JWT authorizer. */
function event(
  route: string,
  path: string,
  options: { params?: Record<string, string>; body?: unknown } = {},
): Record<string, unknown> {
  const [method] = route.split(' ');
  return {
    version: '2.0',
    routeKey: route,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'accept-language': 'id' },
    pathParameters: options.params ?? {},
    requestContext: {
      requestId: `req-${path}`,
      routeKey: route,
      http: { method, path, sourceIp: '10.0.0.9' },
      authorizer: { jwt: { claims, scopes: [] } },
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body), isBase64Encoded: false }),
  };
}

/** Bundles `functions/api/<fn>.ts` as the stack does and answers the events in a fresh process. */
async function answersOf(
  fn: string,
  events: Record<string, unknown>[],
  env: Record<string, string> = {},
): Promise<Answer[]> {
  const bundle = bundleHandler({
    root: REPO_ROOT,
    outDir: join(dir, fn),
    entry: join(REPO_ROOT, 'functions', 'api', `${fn}.ts`),
  });
  const eventsFile = join(dir, `${fn}-events.json`);
  const answersFile = join(dir, `${fn}-answers.json`);
  writeFileSync(eventsFile, JSON.stringify(events));
  await run(
    process.execPath,
    [
      '--enable-source-maps',
      join(dir, 'runner.mjs'),
      pathToFileURL(join(bundle.dir, ENTRY_FILE)).href,
      eventsFile,
      answersFile,
    ],
    {
      cwd: dir,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'ap-southeast-3',
        KAWAL_TABLE: kawal.tableName,
        KAWAL_DYNAMODB_ENDPOINT: kawal.dynamoEndpoint,
        POWERTOOLS_SERVICE_NAME: fn,
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        ...env,
      },
    },
  );
  return JSON.parse(readFileSync(answersFile, 'utf8')) as Answer[];
}

const json = (answer: Answer | undefined): Record<string, unknown> =>
  JSON.parse(answer?.body ?? 'null') as Record<string, unknown>;

describe('the forms handler as Lambda runs it', () => {
  const data = { bagianA: { ditahanUsia16: true, jumlahPutusanSebelumnya: 3, jumlahPasal: 1 } };
  let answers: Answer[];

  beforeAll(async () => {
    answers = await answersOf('forms', [
      event('POST /api/forms/{id}/validate', '/api/forms/asesmen-risiko/validate', {
        params: { id: 'asesmen-risiko' },
        body: { version: 1 },
      }),
      event('POST /api/forms/{id}/validate', '/api/forms/asesmen-risiko/validate', {
        params: { id: 'asesmen-risiko' },
        body: { data },
      }),
      event(
        'GET /api/forms/{id}/versions/{n}/validator.js',
        '/api/forms/asesmen-risiko/versions/1/validator.js',
        {
          params: { id: 'asesmen-risiko', n: '1' },
        },
      ),
    ]);
  }, 120_000);

  it('refuses a body without its data, in Indonesian, as the local server does', async () => {
    const local = await pk1.request('POST', '/api/forms/asesmen-risiko/validate', { body: { version: 1 } });
    expect(answers[0]?.statusCode).toBe(400);
    expect(json(answers[0])).toEqual(local.body);
    expect((json(answers[0]).error as { code: string }).code).toBe('invalid_request');
  });

  it('checks a form with its calculated fields, as the local server does', async () => {
    const local = await pk1.request('POST', '/api/forms/asesmen-risiko/validate', { body: { data } });
    expect(answers[1]?.statusCode).toBe(200);
    const body = json(answers[1]);
    expect(body).toEqual(local.body);
    // The score is computed: 3 for detention before 16, 4 for three earlier convictions.
    expect(JSON.stringify(body.data)).toContain('"skorA":7');
  });

  it('writes a version’s precompiled validators', async () => {
    const local = await pk1.request('GET', '/api/forms/asesmen-risiko/versions/1/validator.js');
    expect(answers[2]?.statusCode).toBe(200);
    expect(answers[2]?.headers?.['content-type']).toContain('javascript');
    expect(answers[2]?.body).toBe(local.body);
  });
});

describe('the cases handler as Lambda runs it, traced', () => {
  let answers: Answer[];
  const traced: string[] = [];

  beforeAll(async () => {
    // The X-Ray daemon: the SDK sends each closed subsegment to it over UDP.
    const daemon = createSocket('udp4');
    daemon.on('message', (message) => traced.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const { port } = daemon.address();
    answers = await answersOf(
      'cases',
      [
        event('GET /api/cases', '/api/cases'),
        event('GET /api/cases/{id}/decisions', `/api/cases/${caseId}/decisions`, { params: { id: caseId } }),
      ],
      {
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_FUNCTION_NAME: 'kawal-package-test',
        LAMBDA_TASK_ROOT: dir,
        _HANDLER: 'index.handler',
        _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    daemon.close();
  }, 120_000);

  it('serves the PK’s caseload', async () => {
    const local = await pk1.request<{ items: { id: string }[] }>('GET', '/api/cases');
    expect(answers[0]?.statusCode).toBe(200);
    const items = (json(answers[0]).items as { id: string }[]).map((item) => item.id);
    expect(items).toEqual(local.body.items.map((item) => item.id));
  });

  it('decides a case from its file with the published rulesets, as the local server does', async () => {
    const local = await pk1.request('GET', `/api/cases/${caseId}/decisions`);
    expect(answers[1]?.statusCode).toBe(200);
    const body = json(answers[1]);
    expect(body).toEqual(local.body);
    expect(Object.keys(body.eligibility as Record<string, unknown>).length).toBeGreaterThan(0);
  });

  it('traces each request and its DynamoDB calls (the X-Ray SDK, loaded only when tracing is on)', () => {
    // Each message is the daemon protocol's header line, then one subsegment document.
    const documents = traced.map(
      (message) =>
        JSON.parse(message.split('\n')[1] ?? '{}') as {
          name: string;
          annotations?: Record<string, unknown>;
          aws?: Record<string, unknown>;
        },
    );
    const handlers = documents.filter((document) => document.name === '## index.handler');
    expect(handlers).toHaveLength(2);
    const calls = documents.filter((document) => document.name === 'DynamoDB');
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) expect(call.aws?.table_name).toBe(kawal.tableName);
    expect(calls.map((call) => call.aws?.operation)).toContain('Query');
  });
});
