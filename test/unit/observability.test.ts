/**
 * What the handlers tell operators: one structured log line per request and per job run, with who,
 * what and how it ended but nothing of what was sent; refusals counted by code; a request's metrics
 * written once, at its end. Powertools builds its logger and metrics when the handler modules load, so
 * they are loaded afresh here as in Lambda (logs at INFO, metrics on) and their output is read from
 * stdout and stderr, which are kept off the terminal.
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, LambdaHandler } from '../../functions/platform/http';

type Json = Record<string, unknown>;

const NIK = '3171012345678901';
const CLIENT_NAME = 'Siti Rahmawati';
const STAFF_NAME = 'Budi Santoso';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-token-body.signature';
const CASE_ID = 'case-7f3a';

/** Everything written to stdout and stderr while `run` runs, line by line. */
async function output(run: () => Promise<unknown>): Promise<{ lines: string[]; error?: unknown }> {
  const written: string[] = [];
  const grab = (chunk: unknown, ...rest: unknown[]) => {
    written.push(String(chunk));
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab as typeof process.stderr.write);
  let error: unknown;
  try {
    await run();
  } catch (thrown) {
    error = thrown;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const lines = written
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return error === undefined ? { lines } : { lines, error };
}

const parsed = (lines: string[]): Json[] => lines.map((line) => JSON.parse(line) as Json);
/** The log lines (Powertools Logger's), without the metric records. */
const logLines = (lines: string[]) => parsed(lines).filter((line) => !('_aws' in line));
/** The metric records (CloudWatch embedded metric format). */
const metricRecords = (lines: string[]) => parsed(lines).filter((line) => '_aws' in line);

function event(routeKey: string, path: string, extra: Partial<ApiEvent> = {}): ApiEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    requestContext: {
      requestId: 'req-42',
      routeKey,
      http: { method: routeKey.split(' ')[0], path, sourceIp: '10.0.0.9' },
      authorizer: {
        jwt: {
          claims: {
            sub: 'user-1',
            name: STAFF_NAME,
            'custom:office': 'bapas-jakarta',
            'cognito:groups': '[worker]',
          },
          scopes: [],
        },
      },
    },
    ...extra,
  } as unknown as ApiEvent;
}

const context = {
  awsRequestId: 'lambda-req-42',
  functionName: 'kawal-test-cases',
  memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:kawal-test-cases',
} as Context;

let platform: {
  http: typeof import('../../functions/platform/http');
  job: typeof import('../../functions/platform/job');
  metrics: typeof import('../../functions/platform/metrics');
};
let cases: LambdaHandler;

beforeAll(async () => {
  vi.stubEnv('KAWAL_TABLE', 'unit');
  vi.stubEnv('KAWAL_STAGE', 'test');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'cases');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Kawal');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.resetModules();
  platform = {
    http: await import('../../functions/platform/http'),
    job: await import('../../functions/platform/job'),
    metrics: await import('../../functions/platform/metrics'),
  };
  cases = (await import('../../functions/api/cases')).handler;
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('a request', () => {
  it('refused: one info line with request id, route, caller, office, status and code, nothing it sent; a refusal counted by code', async () => {
    const body = {
      formId: 'Not A Form Id!',
      data: { client: { nik: NIK, name: CLIENT_NAME }, catatan: 'rahasia' },
      idempotencyKey: 'k-1',
    };
    const { lines } = await output(async () => {
      const result = await cases(
        event('POST /api/cases/{id}/submissions', `/api/cases/${CASE_ID}/submissions`, {
          pathParameters: { id: CASE_ID },
          body: JSON.stringify(body),
        }),
        context,
      );
      expect(result.statusCode).toBe(400);
    });

    const logs = logLines(lines);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'cases',
      requestId: 'req-42',
      route: 'POST /api/cases/{id}/submissions',
      callerId: 'user-1',
      office: 'bapas-jakarta',
      status: 400,
      code: 'invalid_request',
      function_request_id: 'lambda-req-42',
    });
    expect(logs[0]?.durationMs).toEqual(expect.any(Number));

    const all = lines.join('\n');
    for (const secret of [NIK, CLIENT_NAME, STAFF_NAME, TOKEN, 'rahasia', 'Not A Form Id!', CASE_ID]) {
      expect(all).not.toContain(secret);
    }

    const records = metricRecords(lines);
    expect(records).toHaveLength(1);
    const [refusal = {}] = records;
    const { CloudWatchMetrics } = refusal._aws as { CloudWatchMetrics: Json[] };
    const [directive = {}] = CloudWatchMetrics;
    expect(directive.Namespace).toBe('Kawal');
    expect(directive.Metrics).toEqual([{ Name: 'Refusals', Unit: 'Count' }]);
    expect([...((directive.Dimensions as string[][])[0] ?? [])].sort()).toEqual(['code', 'service', 'stage']);
    expect(refusal).toMatchObject({ Refusals: 1, code: 'invalid_request', service: 'cases', stage: 'test' });
  });

  it('answered: its counts are written once at its end, the next request starts from nothing', async () => {
    const { createApiHandler } = platform.http;
    const { count } = platform.metrics;
    const handler = createApiHandler(
      [
        { method: 'POST', path: '/api/things/{id}', fn: 'cases', action: 'save', roles: ['worker'] },
        { method: 'GET', path: '/api/things/{id}', fn: 'cases', action: 'read', roles: ['worker'] },
      ],
      {
        save: async ({ body }) => {
          count('Submissions');
          count('DecisionsEvaluated', 2);
          count('DecisionsEvaluated', 1);
          return { status: 201, body };
        },
        read: async () => ({ body: { client: { nik: NIK } } }),
      },
    );
    const saved = await output(() =>
      handler(
        event('POST /api/things/{id}', '/api/things/t-1', {
          pathParameters: { id: 't-1' },
          body: JSON.stringify({ client: { nik: NIK, name: CLIENT_NAME } }),
        }),
        context,
      ),
    );
    expect(logLines(saved.lines)).toEqual([
      expect.objectContaining({ level: 'INFO', route: 'POST /api/things/{id}', status: 201 }),
    ]);
    expect(logLines(saved.lines)[0]).not.toHaveProperty('code');
    const records = metricRecords(saved.lines);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      Submissions: 1,
      DecisionsEvaluated: 3,
      service: 'cases',
      stage: 'test',
    });
    expect(saved.lines.join('\n')).not.toContain(NIK);

    const read = await output(() =>
      handler(event('GET /api/things/{id}', '/api/things/t-1', { pathParameters: { id: 't-1' } }), context),
    );
    expect(logLines(read.lines)).toEqual([expect.objectContaining({ status: 200 })]);
    expect(metricRecords(read.lines)).toEqual([]);
    expect(read.lines.join('\n')).not.toContain(NIK);
  });

  it('failed: one error line with the error, a generic answer, no refusal counted', async () => {
    const handler = platform.http.createApiHandler(
      [{ method: 'GET', path: '/api/boom', fn: 'cases', action: 'boom', roles: ['worker'] }],
      {
        boom: async () => {
          throw new TypeError('cannot read the table kawal-prod');
        },
      },
    );
    const { lines } = await output(async () => {
      const result = await handler(event('GET /api/boom', '/api/boom'), context);
      expect(result.statusCode).toBe(500);
      expect(result.body).not.toContain('kawal-prod');
    });
    const logs = logLines(lines);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'ERROR',
      message: 'request',
      route: 'GET /api/boom',
      callerId: 'user-1',
      status: 500,
      code: 'internal_error',
      error: { name: 'TypeError', message: 'cannot read the table kawal-prod' },
    });
    expect(String((logs[0]?.error as Json | undefined)?.stack)).toContain('observability.test.ts');
    expect(metricRecords(lines)).toEqual([]);
  });
});

describe('a job run', () => {
  it('logs what it returned and writes its counts; a failed run logs its error and still throws', async () => {
    const { createJobHandler } = platform.job;
    const { count } = platform.metrics;
    const sweep = createJobHandler('sweep-test', async (lambda) => {
      count('SweepExamined', 5);
      count('SweepMarked', 2);
      count('SweepOffices', 3);
      return { examined: 5, marked: 2, offices: 3, inLambda: lambda !== undefined };
    });
    const ran = await output(() => sweep({}, context));
    expect(logLines(ran.lines)).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'job',
        job: 'sweep-test',
        examined: 5,
        marked: 2,
        offices: 3,
        inLambda: true,
        function_request_id: 'lambda-req-42',
      }),
    ]);
    expect(metricRecords(ran.lines)).toEqual([
      expect.objectContaining({ SweepExamined: 5, SweepMarked: 2, SweepOffices: 3, stage: 'test' }),
    ]);

    // Local mode and the tests call a job without Lambda's context.
    const local = await output(() => sweep());
    expect(logLines(local.lines)[0]).toMatchObject({ job: 'sweep-test', inLambda: false });

    const failing = createJobHandler('failing-test', async () => {
      count('SweepExamined', 1);
      throw new Error('sweep stopped');
    });
    const failed = await output(() => failing({}, context));
    expect(String(failed.error)).toContain('sweep stopped');
    expect(logLines(failed.lines)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'job failed',
        job: 'failing-test',
        error: expect.objectContaining({ message: 'sweep stopped' }),
      }),
    ]);
    expect(metricRecords(failed.lines)).toEqual([expect.objectContaining({ SweepExamined: 1 })]);
  });
});

describe('off Lambda', () => {
  const names = ['POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_TRACE_ENABLED'] as const;
  let kept: Record<string, string | undefined>;
  beforeEach(() => {
    kept = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    for (const name of names) delete process.env[name];
    vi.resetModules();
    return () => {
      for (const name of names) {
        if (kept[name] === undefined) delete process.env[name];
        else process.env[name] = kept[name];
      }
      vi.unstubAllEnvs();
      vi.resetModules();
    };
  });

  it('Powertools defaults to warnings only, no metrics and no tracing, unless a variable says otherwise', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    (await import('../../functions/platform/powertools-defaults')).powertoolsDefaults();
    expect(process.env.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(process.env.POWERTOOLS_METRICS_DISABLED).toBe('true');
    expect(process.env.POWERTOOLS_TRACE_ENABLED).toBe('false');
  });

  it('in Lambda, leaves Powertools to its own defaults', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'kawal-test-cases');
    (await import('../../functions/platform/powertools-defaults')).powertoolsDefaults();
    for (const name of names) expect(process.env[name]).toBeUndefined();
  });
});
