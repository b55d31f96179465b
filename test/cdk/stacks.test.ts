/**
 * The CDK stacks, synthesized once as `cdk synth` would (same builder, same cdk.json context) and
 * checked against the shared table spec and route table, so a route or index added there is checked
 * here without editing this file.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_JOB, SEED_POOL_ACTIONS, USER_POOL_ACTIONS, USER_POOL_FUNCTION } from '../../cdk/lib/api-stack';
import { stageConfig } from '../../cdk/lib/config';
import { BACKUP_RETENTION_DAYS, checkBackupCopyVaultArn, DataStack } from '../../cdk/lib/data-stack';
import { JOBS } from '../../cdk/lib/jobs';
import { createKawalStacks, type KawalStacks } from '../../cdk/lib/kawal';
import { type KawalFunction, REPO_ROOT } from '../../cdk/lib/kawal-function';
import { checkAlarmEmail } from '../../cdk/lib/monitoring';
import { deployedFunctions, ROUTES, routesOf } from '../../functions/api/routes';
import { ROLES } from '../../functions/platform/claims';
import type { RouteSpec } from '../../functions/platform/http';
import { keyAttributes, TABLE_SPEC } from '../../functions/store/table-spec';
import { parseAuthConfig } from '../../web/src/features/auth/auth-config';

// ---- helpers over the synthesized JSON (typed as unknown and narrowed, never `any`) ----------------

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks a path of keys; undefined as soon as one is missing. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = isJson(current) ? current[key] : undefined;
  }
  return current;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Resources of one type, by logical id. */
function resources(template: Template, type: string): [string, Json][] {
  return Object.entries(template.findResources(type)).map(([id, resource]): [string, Json] => [
    id,
    isJson(resource) ? resource : {},
  ]);
}

function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const child = construct.node.defaultChild;
  if (!(child instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(child);
}

/** Imports a bundle, sends it one API Gateway event per route key, prints the status codes. */
const RUN_BUNDLE = `
const { pathToFileURL } = await import('node:url');
const { handler } = await import(pathToFileURL(process.argv[1]).href);
const statuses = [];
for (const routeKey of JSON.parse(process.argv[2])) {
  const event = { routeKey, rawPath: routeKey.split(' ')[1], headers: {}, requestContext: { requestId: 't' } };
  const reply = await handler(event, { awsRequestId: 't' });
  statuses.push(reply.statusCode);
}
process.stdout.write(JSON.stringify(statuses));
`;

/** Imports a bundle and prints the type of its `handler` export, without calling it. */
const LOAD_BUNDLE = `
const { pathToFileURL } = await import('node:url');
const { handler } = await import(pathToFileURL(process.argv[1]).href);
process.stdout.write(typeof handler);
`;

/** Runs an ES module script with plain Node (as Lambda loads a bundle), with only the table's name set. */
function runNode(script: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', script, ...args],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, KAWAL_TABLE: 'not-used', AWS_REGION: ENV.region },
    },
  );
}

function isDeployed(route: RouteSpec): boolean {
  return route.localOnly !== true;
}

function readContext(): Json {
  const parsed: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  const context = at(parsed, 'context');
  return isJson(context) ? context : {};
}

const ENV = { account: '123456789012', region: 'ap-southeast-3' };
const ALARM_EMAIL = 'ops@bapas.example.go.id';

function synth(
  webDist: string | undefined,
): KawalStacks & { app: App; data_: Template; auth_: Template; api_: Template } {
  // The same context as `cdk synth` (cdk.json), so feature flags behave as in a deploy.
  const app = new App({ context: readContext() });
  const config = stageConfig({ alarmEmail: ALARM_EMAIL }, 'test');
  const stacks = createKawalStacks(app, { config, account: ENV.account, webDist });
  return {
    ...stacks,
    app,
    data_: Template.fromStack(stacks.data),
    auth_: Template.fromStack(stacks.auth),
    api_: Template.fromStack(stacks.api),
  };
}

// Synthesized once (esbuild bundles every handler here); every test below reads the result.
const kawal = synth(undefined);
const data = kawal.data_;
const api = kawal.api_;
const auth = kawal.auth_;

/** How the Api stack reads a value of the Auth stack: the import of the export holding it. */
function importedFrom(producer: Template, value: unknown): unknown {
  const outputs = producer.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  const found = Object.values(outputs).find(
    (output) => JSON.stringify(output.Value) === JSON.stringify(value) && output.Export,
  );
  if (!found?.Export) throw new Error(`no export of ${JSON.stringify(value)}`);
  return { 'Fn::ImportValue': found.Export.Name };
}
const deployedRoutes: RouteSpec[] = ROUTES.filter(isDeployed);
const localOnlyRoutes: RouteSpec[] = ROUTES.filter((route: RouteSpec) => !isDeployed(route));

/** Every Lambda running Kawal code (API handlers and jobs): the ones told the table's name. */
const kawalLambdas = resources(api, 'AWS::Lambda::Function').filter(([, fn]) =>
  at(fn, 'Properties', 'Environment', 'Variables', 'KAWAL_TABLE'),
);

function apiFunction(name: string): KawalFunction {
  const fn = kawal.api.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

function seedJob(): KawalFunction {
  return jobFunction(SEED_JOB);
}

function jobFunction(name: string): KawalFunction {
  const fn = kawal.api.jobs.get(name);
  if (!fn) throw new Error(`no job ${name}`);
  return fn;
}

/** The synthesized AWS::Lambda::Function of a construct. */
function lambdaOf(fn: KawalFunction): Json {
  const id = logicalIdOf(kawal.api, fn);
  const [, lambda] = kawalLambdas.find(([lambdaId]) => lambdaId === id) ?? ['', undefined];
  if (!lambda) throw new Error(`no Lambda resource ${id}`);
  return lambda;
}

/** Every IAM statement attached to a role of the Api stack, by the role's logical id. */
function statementsOfRole(roleId: string): unknown[] {
  return resources(api, 'AWS::IAM::Policy')
    .filter(([, policy]) => asArray(at(policy, 'Properties', 'Roles')).some((r) => at(r, 'Ref') === roleId))
    .flatMap(([, policy]) => asArray(at(policy, 'Properties', 'PolicyDocument', 'Statement')));
}

/** The IAM actions a Lambda's execution role is granted. */
function actionsOf(lambda: Json): unknown[] {
  return statementsOfRole(String(at(lambda, 'Properties', 'Role', 'Fn::GetAtt', 0))).flatMap((statement) =>
    asArray(at(statement, 'Action')),
  );
}

/** The folder holding a Lambda's bundle in the cloud assembly. */
function bundleDir(lambda: Json): string {
  const key = String(at(lambda, 'Properties', 'Code', 'S3Key')).replace(/\.zip$/, '');
  return join(kawal.app.synth().directory, `asset.${key}`);
}

// ---- Data stack -------------------------------------------------------------------------------------

describe('Data stack', () => {
  it('keeps daily backups for 35 days in a retained vault encrypted with the table key, and is termination-protected', () => {
    expect(kawal.data.terminationProtection).toBe(true);
    const [[keyId] = ['']] = resources(data, 'AWS::KMS::Key');
    data.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EncryptionKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] } }),
    });
    data.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'daily',
            ScheduleExpression: 'cron(0 19 * * ? *)',
            Lifecycle: { DeleteAfterDays: BACKUP_RETENTION_DAYS },
          }),
        ],
      }),
    });
    const [[tableId] = ['']] = resources(data, 'AWS::DynamoDB::Table');
    data.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] }),
    });
  });

  it('copies each backup to a vault elsewhere when one is configured, and refuses what is not a vault ARN', () => {
    const copyTo = 'arn:aws:backup:ap-southeast-1:210987654321:backup-vault:kawal-copy';
    const other = new DataStack(new App(), 'Copy', { stage: 'copy', env: ENV, backupCopyVaultArn: copyTo });
    Template.fromStack(other).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: [
          Match.objectLike({
            CopyActions: [
              { DestinationBackupVaultArn: copyTo, Lifecycle: { DeleteAfterDays: BACKUP_RETENTION_DAYS } },
            ],
          }),
        ],
      }),
    });
    expect(() => checkBackupCopyVaultArn('kawal-copy')).toThrow(/Invalid backupCopyVaultArn/);
  });

  it('builds the table keys from the shared spec, every key attribute a string', () => {
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_SPEC.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SPEC.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const [[, table] = ['', {}]] = resources(data, 'AWS::DynamoDB::Table');
    const definitions = asArray(at(table, 'Properties', 'AttributeDefinitions'));
    expect(definitions.map((d) => at(d, 'AttributeName')).sort()).toEqual(
      [...new Set(keyAttributes())].sort(),
    );
    expect(definitions.every((d) => at(d, 'AttributeType') === 'S')).toBe(true);
  });

  it('has every GSI of the spec with projection ALL, and no other', () => {
    const [[, table] = ['', {}]] = resources(data, 'AWS::DynamoDB::Table');
    const indexes = asArray(at(table, 'Properties', 'GlobalSecondaryIndexes'));
    expect(indexes.map((i) => at(i, 'IndexName')).sort()).toEqual(
      TABLE_SPEC.indexes.map((i) => i.name).sort(),
    );
    for (const index of TABLE_SPEC.indexes) {
      expect(indexes).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('protects the data: PITR, deletion protection, retained, KMS with a rotated customer key, TTL', () => {
    const [[keyId, key] = ['', {}]] = resources(data, 'AWS::KMS::Key');
    expect(at(key, 'Properties', 'EnableKeyRotation')).toBe(true);
    expect(at(key, 'DeletionPolicy')).toBe('Retain');
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
        TimeToLiveSpecification: { AttributeName: TABLE_SPEC.ttlAttribute, Enabled: true },
      }),
    });
  });
});

// ---- Api stack: functions -----------------------------------------------------------------------------

describe('Api stack functions', () => {
  it('deploys one Lambda per deployed function of the route table, plus one per job', () => {
    expect([...kawal.api.functions.keys()].sort()).toEqual([...deployedFunctions()].sort());
    // The scheduled jobs, and the content seed the deploy runs.
    const jobNames = [...JOBS.map((job) => job.name), 'seed-content'];
    expect([...kawal.api.jobs.keys()].sort()).toEqual(jobNames.sort());
    expect(kawalLambdas).toHaveLength(deployedFunctions().length + jobNames.length);
    const ids = [
      ...deployedFunctions().map((name) => logicalIdOf(kawal.api, apiFunction(name))),
      ...jobNames.map((name) => logicalIdOf(kawal.api, jobFunction(name))),
    ];
    expect(ids.sort()).toEqual(kawalLambdas.map(([id]) => id).sort());
  });

  it('runs every handler on Node.js 22 / arm64, ESM bundle, with the table name from the Data stack', () => {
    for (const [id, fn] of kawalLambdas) {
      expect(at(fn, 'Properties', 'Runtime'), id).toBe('nodejs22.x');
      expect(at(fn, 'Properties', 'Architectures'), id).toEqual(['arm64']);
      expect(at(fn, 'Properties', 'Handler'), id).toBe('index.handler');
      expect(at(fn, 'Properties', 'MemorySize'), id).toBe(512);
      // X-Ray on every handler (test/cdk/observability.test.ts checks the rest of what it needs).
      expect(at(fn, 'Properties', 'TracingConfig'), id).toEqual({ Mode: 'Active' });
      const variables = at(fn, 'Properties', 'Environment', 'Variables');
      expect(at(variables, 'NODE_OPTIONS'), id).toBe('--enable-source-maps');
      expect(String(at(variables, 'KAWAL_TABLE', 'Fn::ImportValue')), id).toMatch(/^Kawal-test-Data:/);
      // The content TTL (and every other tunable of functions/platform/config.ts) keeps its default;
      // API handlers also get the cursor-signing key and the origin secret (test/cdk/config.test.ts),
      // and the accounts function the user pool's id.
      // The stage and Powertools' settings are for logs, metrics and traces (observability.test.ts).
      const names = Object.keys(isJson(variables) ? variables : {}).sort();
      expect(
        names.filter(
          (name) => !['KAWAL_CURSOR_SECRET', 'KAWAL_ORIGIN_SECRET', 'KAWAL_USER_POOL_ID'].includes(name),
        ),
        id,
      ).toEqual([
        'KAWAL_STAGE',
        'KAWAL_TABLE',
        'NODE_OPTIONS',
        'POWERTOOLS_METRICS_NAMESPACE',
        'POWERTOOLS_SERVICE_NAME',
        'POWERTOOLS_TRACE_ENABLED',
      ]);
      // Logs go to a group the stack owns, with a retention.
      const logGroupId = at(fn, 'Properties', 'LoggingConfig', 'LogGroup', 'Ref');
      expect(typeof logGroupId, id).toBe('string');
      expect(at(api.toJSON(), 'Resources', String(logGroupId), 'Properties', 'RetentionInDays'), id).toBe(90);
    }
    // API handlers give up well before API Gateway's 30 seconds; jobs have their own timeouts (below).
    for (const name of deployedFunctions()) {
      expect(at(lambdaOf(apiFunction(name)), 'Properties', 'Timeout'), name).toBe(10);
      // The cursor key is one generated secret, read at deploy time (never written into the template).
      const secret = JSON.stringify(
        at(lambdaOf(apiFunction(name)), 'Properties', 'Environment', 'Variables', 'KAWAL_CURSOR_SECRET'),
      );
      expect(secret, name).toMatch(/resolve:secretsmanager/);
    }
    // The cursor key and the origin secret.
    expect(Object.keys(api.findResources('AWS::SecretsManager::Secret'))).toHaveLength(2);
  });

  it('lets only the accounts function (and the seed job, to invite the first administrator) call Cognito’s admin API, on the pool alone', () => {
    const [[poolId] = ['']] = resources(auth, 'AWS::Cognito::UserPool');
    for (const [id, lambda] of kawalLambdas) {
      const cognito = actionsOf(lambda).filter((action) => String(action).startsWith('cognito-idp:'));
      const poolVariable = at(lambda, 'Properties', 'Environment', 'Variables', 'KAWAL_USER_POOL_ID');
      if (id === logicalIdOf(kawal.api, apiFunction(USER_POOL_FUNCTION))) {
        expect([...cognito].sort()).toEqual([...USER_POOL_ACTIONS].sort());
        expect(poolVariable).toEqual(importedFrom(auth, { Ref: poolId }));
      } else if (id === logicalIdOf(kawal.api, seedJob())) {
        // The seed job invites the configured first administrator, and may do nothing else there.
        expect([...cognito].sort()).toEqual([...SEED_POOL_ACTIONS].sort());
        expect(poolVariable).toEqual(importedFrom(auth, { Ref: poolId }));
      } else {
        expect(cognito, id).toEqual([]);
        expect(poolVariable, id).toBeUndefined();
      }
    }
    const role = String(at(lambdaOf(apiFunction(USER_POOL_FUNCTION)), 'Properties', 'Role', 'Fn::GetAtt', 0));
    const grants = statementsOfRole(role).filter((statement) =>
      asArray(at(statement, 'Action')).some((action) => String(action).startsWith('cognito-idp:')),
    );
    expect(grants.map((statement) => at(statement, 'Resource'))).toEqual([
      importedFrom(auth, { 'Fn::GetAtt': [poolId, 'Arn'] }),
    ]);
    // The people routes are served by that function.
    expect(routesOf(USER_POOL_FUNCTION).map((route) => `${route.method} ${route.path}`)).toContain(
      'POST /api/users',
    );
  });

  it('bundles an ESM handler with the AWS SDK inside, which plain Node loads and runs', () => {
    for (const name of deployedFunctions()) {
      const dir = bundleDir(lambdaOf(apiFunction(name)));
      expectPackage(dir, name);

      // Loaded by Node itself (not vitest's module runner), as Lambda loads it: an unknown route is the
      // middleware's 404, and a protected route without a token its 401; neither touches the table.
      // Off Lambda the logger is quiet (platform/powertools-defaults.ts) whatever order the package's
      // chunks run in: the output holds the statuses and no request line.
      const protectedRoute = routesOf(name).find((route) => isDeployed(route) && route.roles !== 'public');
      const routeKeys = ['GET /api/no-such-route'];
      if (protectedRoute) routeKeys.push(`${protectedRoute.method} ${protectedRoute.path}`);
      const output = runNode(RUN_BUNDLE, join(dir, 'index.mjs'), JSON.stringify(routeKeys));
      const statuses: unknown = JSON.parse(output);
      expect(statuses, name).toEqual(protectedRoute ? [404, 401] : [404]);
    }
  });
});

/**
 * A handler's package (cdk/lib/bundle.ts): `index.mjs` and the chunks it loads, each ESM with its own
 * `require`, with a source map, and nothing of the SDK left for the runtime to provide.
 */
function expectPackage(dir: string, name: string): void {
  expect(readdirSync(dir).sort(), name).toEqual(['chunks', 'index.mjs', 'index.mjs.map']);
  const chunks = readdirSync(join(dir, 'chunks'));
  const scripts = [
    'index.mjs',
    ...chunks.filter((file) => file.endsWith('.mjs')).map((file) => `chunks/${file}`),
  ];
  expect(chunks.length, name).toBe(2 * (scripts.length - 1));
  for (const script of scripts) {
    expect(existsSync(join(dir, `${script}.map`)), `${name}: ${script}`).toBe(true);
    const source = readFileSync(join(dir, script), 'utf8');
    expect(source.startsWith('import { createRequire as __kawalCreateRequire }'), `${name}: ${script}`).toBe(
      true,
    );
    expect(source, `${name}: ${script}`).not.toMatch(/from\s*["']@(aws-sdk|smithy)\//);
  }
}

// ---- Api stack: scheduled jobs --------------------------------------------------------------------------

describe('Api stack scheduled jobs', () => {
  const schedules = resources(api, 'AWS::Scheduler::Schedule');
  const [deadlines] = JOBS.filter((job) => job.name === 'deadlines');
  const jobId = logicalIdOf(kawal.api, jobFunction('deadlines'));
  const job = lambdaOf(jobFunction('deadlines'));
  const targetsJob = (resource: Json, ...path: string[]): boolean =>
    JSON.stringify(at(resource, ...path)) === JSON.stringify({ 'Fn::GetAtt': [jobId, 'Arn'] });

  it('declares the deadlines job, daily just after midnight in Asia/Jakarta', () => {
    expect(deadlines).toBeDefined();
    expect(deadlines?.cron).toEqual({ minute: '5', hour: '0' });
    expect(deadlines?.timeZone).toBe('Asia/Jakarta');
  });

  it('deploys functions/jobs/deadlines.ts on Node.js 22 / arm64 with the table name and a sweep-sized timeout', () => {
    expect(at(job, 'Properties', 'Runtime')).toBe('nodejs22.x');
    expect(at(job, 'Properties', 'Architectures')).toEqual(['arm64']);
    expect(at(job, 'Properties', 'Handler')).toBe('index.handler');
    expect(at(job, 'Properties', 'Timeout')).toBe(deadlines?.timeoutSeconds);
    expect(Number(at(job, 'Properties', 'Timeout'))).toBeGreaterThan(10);
    expect(Number(at(job, 'Properties', 'Timeout'))).toBeLessThanOrEqual(900);
    expect(String(at(job, 'Properties', 'Description'))).toMatch(/deadlines/);
    const variables = at(job, 'Properties', 'Environment', 'Variables');
    expect(String(at(variables, 'KAWAL_TABLE', 'Fn::ImportValue'))).toMatch(/^Kawal-test-Data:/);
    expect(at(variables, 'KAWAL_CONTENT_TTL_MS')).toBeUndefined();
  });

  it('runs it from exactly one schedule: cron(5 0 * * ? *) in Asia/Jakarta, and from no EventBridge rule', () => {
    expect(schedules).toHaveLength(JOBS.length);
    const mine = schedules.filter(([, schedule]) => targetsJob(schedule, 'Properties', 'Target', 'Arn'));
    expect(mine).toHaveLength(1);
    const [[, schedule] = ['', {}]] = mine;
    expect(at(schedule, 'Properties', 'ScheduleExpression')).toBe('cron(5 0 * * ? *)');
    expect(at(schedule, 'Properties', 'ScheduleExpressionTimezone')).toBe('Asia/Jakarta');
    expect(at(schedule, 'Properties', 'State')).toBe('ENABLED');
    expect(at(schedule, 'Properties', 'FlexibleTimeWindow')).toEqual({ Mode: 'OFF' });
    expect(at(schedule, 'Properties', 'Name')).toBe('kawal-test-deadlines');
    const rules = resources(api, 'AWS::Events::Rule');
    const ruleTargets = rules.flatMap(([, rule]) => asArray(at(rule, 'Properties', 'Targets')));
    expect(ruleTargets.filter((target) => isJson(target) && targetsJob(target, 'Arn'))).toHaveLength(0);
  });

  it('lets the scheduler assume a role that may only invoke the job', () => {
    const [[, schedule] = ['', {}]] = schedules.filter(([, s]) =>
      targetsJob(s, 'Properties', 'Target', 'Arn'),
    );
    const roleId = String(at(schedule, 'Properties', 'Target', 'RoleArn', 'Fn::GetAtt', 0));
    const role = at(api.toJSON(), 'Resources', roleId);
    expect(at(role, 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service')).toBe(
      'scheduler.amazonaws.com',
    );
    const statements = statementsOfRole(roleId);
    expect(statements.flatMap((statement) => asArray(at(statement, 'Action')))).toEqual([
      'lambda:InvokeFunction',
    ]);
    expect(JSON.stringify(statements)).toContain(JSON.stringify({ 'Fn::GetAtt': [jobId, 'Arn'] }));
  });

  it('lets the job Query the table and its indexes (gsi1 among them) and UpdateItem, with the table key', () => {
    expect(TABLE_SPEC.indexes.map((index) => index.name)).toContain('gsi1');
    const statements = statementsOfRole(String(at(job, 'Properties', 'Role', 'Fn::GetAtt', 0)));
    const dynamo = statements.filter((statement) =>
      asArray(at(statement, 'Action')).some((action) => String(action).startsWith('dynamodb:')),
    );
    const actions = dynamo.flatMap((statement) => asArray(at(statement, 'Action')));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem']));
    const targets = dynamo.flatMap((statement) => asArray(at(statement, 'Resource')));
    const tableArn = targets.find((target) =>
      /:ExportsOutputFnGetAttTable.*Arn/.test(String(at(target, 'Fn::ImportValue'))),
    );
    expect(tableArn).toBeDefined();
    expect(targets).toContainEqual({ 'Fn::Join': ['', [tableArn, '/index/gsi1']] });
    const kms = statements.flatMap((statement) => asArray(at(statement, 'Action')));
    expect(kms).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']));
  });

  it('bundles the job as ESM that plain Node loads, exporting the handler the schedule calls', () => {
    const dir = bundleDir(job);
    expectPackage(dir, 'deadlines');
    // Loading only: running it would sweep a table.
    expect(runNode(LOAD_BUNDLE, join(dir, 'index.mjs'))).toBe('function');
  });

  it('seeds the content packs after a deploy, from forms/ and rules/ copied into its package', () => {
    const seed = lambdaOf(jobFunction('seed-content'));
    const seedId = logicalIdOf(kawal.api, jobFunction('seed-content'));
    const triggers = resources(api, 'Custom::Trigger');
    expect(triggers).toHaveLength(1);
    // The trigger runs the function's current version: a new bundle (changed content) runs it again.
    expect(JSON.stringify(at(triggers[0]?.[1], 'Properties', 'HandlerArn'))).toContain(seedId.slice(0, 14));
    expect(at(triggers[0]?.[1], 'Properties', 'ExecuteOnHandlerChange')).toBe(true);
    expect(actionsOf(seed)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    const dir = bundleDir(seed);
    for (const file of readdirSync(join(REPO_ROOT, 'forms')).filter((f) => f.endsWith('.json'))) {
      expect(existsSync(join(dir, 'content', 'forms', file)), file).toBe(true);
    }
    for (const file of readdirSync(join(REPO_ROOT, 'rules')).filter((f) => f.endsWith('.json'))) {
      expect(existsSync(join(dir, 'content', 'rules', file)), file).toBe(true);
    }
    expect(runNode(LOAD_BUNDLE, join(dir, 'index.mjs'))).toBe('function');
  });

  it('outputs the job function name, for running it by hand', () => {
    api.hasOutput('JobDeadlinesFunction', { Value: { Ref: jobId } });
  });
});

// ---- Api stack: HTTP API and sign-in --------------------------------------------------------------------

describe('Api stack HTTP API', () => {
  const routes = resources(api, 'AWS::ApiGatewayV2::Route');
  const [[authorizerId] = ['']] = resources(api, 'AWS::ApiGatewayV2::Authorizer');

  it('has exactly one route per non-local route of the table, and nothing else', () => {
    const keys = routes.map(([, route]) => at(route, 'Properties', 'RouteKey'));
    expect(keys.sort()).toEqual(deployedRoutes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('leaves public routes open and puts the JWT authorizer on every other route', () => {
    for (const route of deployedRoutes) {
      const key = `${route.method} ${route.path}`;
      const matches = routes.filter(([, r]) => at(r, 'Properties', 'RouteKey') === key);
      expect(matches, key).toHaveLength(1);
      const [[, resource] = ['', {}]] = matches;
      if (route.roles === 'public') {
        expect(at(resource, 'Properties', 'AuthorizationType'), key).toBe('NONE');
        expect(at(resource, 'Properties', 'AuthorizerId'), key).toBeUndefined();
      } else {
        expect(at(resource, 'Properties', 'AuthorizationType'), key).toBe('JWT');
        expect(at(resource, 'Properties', 'AuthorizerId'), key).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('sends every route to the Lambda of its `fn`', () => {
    const integrations = Object.fromEntries(resources(api, 'AWS::ApiGatewayV2::Integration'));
    for (const route of deployedRoutes) {
      const key = `${route.method} ${route.path}`;
      const [, resource] = routes.find(([, r]) => at(r, 'Properties', 'RouteKey') === key) ?? ['', {}];
      const integrationId = String(at(resource, 'Properties', 'Target', 'Fn::Join', 1, 1, 'Ref'));
      const fn = kawal.api.functions.get(route.fn);
      if (!fn) throw new Error(`no function ${route.fn}`);
      expect(at(integrations[integrationId], 'Properties', 'IntegrationUri'), key).toEqual({
        'Fn::GetAtt': [logicalIdOf(kawal.api, fn), 'Arn'],
      });
    }
  });

  it('serves no local-only route (the login is Cognito in AWS)', () => {
    expect(localOnlyRoutes.map((route) => route.path)).toContain('/api/auth/login');
    const keys = routes.map(([, route]) => String(at(route, 'Properties', 'RouteKey')));
    for (const route of localOnlyRoutes) expect(keys).not.toContain(`${route.method} ${route.path}`);
    expect(keys.some((key) => key.endsWith(' /api/auth/login'))).toBe(false);
  });

  it('has one JWT authorizer trusting the user pool and its web client', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const [[poolId] = ['']] = resources(auth, 'AWS::Cognito::UserPool');
    const [[clientId] = ['']] = resources(auth, 'AWS::Cognito::UserPoolClient');
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [importedFrom(auth, { Ref: clientId })],
        Issuer: {
          'Fn::Join': ['', ['https://', importedFrom(auth, { 'Fn::GetAtt': [poolId, 'ProviderURL'] })]],
        },
      },
    });
  });

  it('throttles the $default stage (no stage prefix, so /api/... paths match route keys)', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp('\\$context\\.requestId') }),
    });
  });
});

describe('Auth stack sign-in', () => {
  it('has one Cognito group per role', () => {
    const groups = resources(auth, 'AWS::Cognito::UserPoolGroup').map(([, g]) =>
      at(g, 'Properties', 'GroupName'),
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has an admin-managed pool with email sign-in, strong passwords, optional MFA and an office attribute', () => {
    auth.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: Match.anyValue(),
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([Match.objectLike({ Name: 'office', AttributeDataType: 'String' })]),
      }),
    });
    const [[, pool] = ['', {}]] = resources(auth, 'AWS::Cognito::UserPool');
    expect(
      Number(at(pool, 'Properties', 'Policies', 'PasswordPolicy', 'MinimumLength')),
    ).toBeGreaterThanOrEqual(12);
  });

  it('has a public SRP web client that cannot change its own office', () => {
    auth.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      ReadAttributes: Match.arrayWith(['custom:office']),
    });
    const [[, client] = ['', {}]] = resources(auth, 'AWS::Cognito::UserPoolClient');
    const flows = asArray(at(client, 'Properties', 'ExplicitAuthFlows'));
    expect(flows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(asArray(at(client, 'Properties', 'WriteAttributes'))).not.toContain('custom:office');
  });

  it('gives the web client 1-hour ID tokens and 12-hour refresh tokens (a working day), and no secret', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      // A browser cannot keep a secret (SRP needs none).
      GenerateSecret: false,
      // The web app renews its ID token with the refresh token, and revokes it on sign-out.
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_REFRESH_TOKEN_AUTH']),
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 12 * 60,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      // Minutes to choose a new password at the first sign-in.
      AuthSessionValidity: 10,
    });
  });
});

// ---- Api stack: web app ---------------------------------------------------------------------------------

describe('Api stack web app', () => {
  const [[, distribution] = ['', {}]] = resources(api, 'AWS::CloudFront::Distribution');
  const config = at(distribution, 'Properties', 'DistributionConfig');

  it('routes /api/* to the HTTP API uncached, all methods, all headers but Host', () => {
    const behaviors = asArray(at(config, 'CacheBehaviors'));
    const apiBehavior = behaviors.find((b) => at(b, 'PathPattern') === '/api/*');
    expect(apiBehavior).toBeDefined();
    expect(at(apiBehavior, 'AllowedMethods')).toEqual([
      'GET',
      'HEAD',
      'OPTIONS',
      'PUT',
      'PATCH',
      'POST',
      'DELETE',
    ]);
    expect(at(apiBehavior, 'CachePolicyId')).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(at(apiBehavior, 'OriginRequestPolicyId')).toBe(
      OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    const origin = asArray(at(config, 'Origins')).find(
      (o) => at(o, 'Id') === at(apiBehavior, 'TargetOriginId'),
    );
    const [[httpApiId] = ['']] = resources(api, 'AWS::ApiGatewayV2::Api');
    expect(at(origin, 'DomainName')).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [httpApiId, 'ApiEndpoint'] }] }],
    });
  });

  it('serves the SPA from a private bucket through OAC, with no distribution-wide error rewrites', () => {
    // Custom error responses would also rewrite the API's own 403/404 into index.html.
    expect(at(config, 'CustomErrorResponses')).toBeUndefined();
    const origins = asArray(at(config, 'Origins'));
    expect(origins.some((o) => at(o, 'OriginAccessControlId') !== undefined)).toBe(true);
    api.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({}),
    });
    api.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('falls back to /index.html for app routes only', () => {
    const [[, fn] = ['', {}]] = resources(api, 'AWS::CloudFront::Function');
    const code = String(at(fn, 'Properties', 'FunctionCode'));
    const run: unknown = new Function(`${code}; return handler;`)();
    if (typeof run !== 'function') throw new Error('no handler in the CloudFront function');
    const rewrite = (uri: string): unknown => at(run({ request: { uri } }), 'uri');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/kasus/123')).toBe('/index.html');
    expect(rewrite('/v1.2/page')).toBe('/index.html');
    expect(rewrite('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
    expect(at(config, 'DefaultCacheBehavior', 'FunctionAssociations', 0, 'EventType')).toBe('viewer-request');
  });

  it('without web/dist, deploys no web content and says so in an output', () => {
    api.resourceCountIs('Custom::CDKBucketDeployment', 0);
    api.hasOutput('WebNotDeployed', {});
  });

  it('outputs the site URL, API URL, user pool id and client id', () => {
    for (const name of ['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId']) api.hasOutput(name, {});
  });

  it('references the table across stacks, so the Api stack deploys after the Data stack', () => {
    expect(kawal.api.dependencies).toContain(kawal.data);
  });
});

describe('Api stack with a built web app', () => {
  let dist = '';
  let withWeb: Template | undefined;
  let authWithWeb: Template | undefined;
  let outdir = '';

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'kawal-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kawal</title>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const synthesized = synth(dist);
    withWeb = synthesized.api_;
    authWithWeb = synthesized.auth_;
    outdir = synthesized.app.outdir;
  }, 120_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('uploads hashed assets (kept, immutable) and pages (pruned, revalidated) and invalidates', () => {
    if (!withWeb) throw new Error('not synthesized');
    withWeb.resourceCountIs('Custom::CDKBucketDeployment', 2);
    withWeb.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: Match.objectLike({ 'cache-control': Match.stringLikeRegexp('immutable') }),
    });
    withWeb.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: true,
      Exclude: ['assets/*'],
      DistributionPaths: ['/*'],
      SystemMetadata: Match.objectLike({ 'cache-control': 'no-cache' }),
    });
    expect(Object.keys(withWeb.findOutputs('WebNotDeployed'))).toHaveLength(0);
  });

  it('writes /config.json with the region, user pool and web client the web app signs in with', () => {
    if (!withWeb) throw new Error('not synthesized');
    // Source.jsonData stages config.json with a marker per deploy-time value, resolved by the
    // deployment from SourceMarkers.
    const staged = readdirSync(outdir)
      .map((entry) => join(outdir, entry, 'config.json'))
      .filter((file) => existsSync(file));
    expect(staged).toHaveLength(1);
    const [file = ''] = staged;
    if (!authWithWeb) throw new Error('not synthesized');
    const [[poolId] = ['']] = resources(authWithWeb, 'AWS::Cognito::UserPool');
    const [[clientId] = ['']] = resources(authWithWeb, 'AWS::Cognito::UserPoolClient');
    const pages = resources(withWeb, 'Custom::CDKBucketDeployment').find(
      ([, deployment]) => at(deployment, 'Properties', 'Prune') === true,
    );
    const markers = Object.assign(
      {},
      ...asArray(at(pages, 1, 'Properties', 'SourceMarkers')).filter(isJson),
    ) as Json;
    const resolve = (value: unknown): unknown =>
      typeof value === 'string' ? (markers[value] ?? value) : value;
    const config: unknown = JSON.parse(readFileSync(file, 'utf8'));
    // The web app's parser accepts it...
    const parsed = parseAuthConfig(config);
    // ...and each field is this stack's.
    expect(resolve(parsed.region)).toBe(ENV.region);
    expect(resolve(parsed.userPoolId)).toEqual(importedFrom(authWithWeb, { Ref: poolId }));
    expect(resolve(parsed.userPoolClientId)).toEqual(importedFrom(authWithWeb, { Ref: clientId }));
    // The agency's names, for the title and header.
    expect(at(config, 'agency')).toEqual({ name: 'Kawal', appName: 'Kawal' });
  });
});

// ---- Monitoring -------------------------------------------------------------------------------------

describe('Api stack monitoring', () => {
  const alarms = () => resources(api, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
  const alarmNamed = (name: string) => {
    const found = alarms().find((alarm) => at(alarm, 'Properties', 'AlarmName') === `kawal-test-${name}`);
    if (!found) throw new Error(`no alarm kawal-test-${name}`);
    return found;
  };
  const topicId = () => {
    const [[id] = []] = resources(api, 'AWS::SNS::Topic');
    if (!id) throw new Error('no SNS topic');
    return id;
  };

  it('e-mails every alarm, raised and cleared, to the configured address', () => {
    api.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: ALARM_EMAIL });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(at(alarm, 'Properties', 'AlarmActions')).toEqual([{ Ref: topicId() }]);
      expect(at(alarm, 'Properties', 'OKActions')).toEqual([{ Ref: topicId() }]);
    }
  });

  it('alarms on the API 5xx rate, and on errors and throttles of every function', () => {
    const rate = alarmNamed('api-5xx-rate');
    const expressions = asArray(at(rate, 'Properties', 'Metrics')).map((metric) => at(metric, 'Expression'));
    expect(expressions.some((e) => typeof e === 'string' && e.includes('errors / requests'))).toBe(true);
    expect(at(rate, 'Properties', 'Threshold')).toBe(5);
    for (const name of deployedFunctions()) {
      expect(at(alarmNamed(`fn-${name}-errors`), 'Properties', 'MetricName')).toBe('Errors');
      expect(at(alarmNamed(`fn-${name}-throttles`), 'Properties', 'MetricName')).toBe('Throttles');
    }
  });

  it("notices a scheduled job's failure and its absence, and keeps failed runs in a dead-letter queue", () => {
    for (const job of JOBS) {
      const failed = alarmNamed(`job-${job.name}-failed`);
      expect(at(failed, 'Properties', 'MetricName')).toBe('Errors');
      const absent = alarmNamed(`job-${job.name}-absent`);
      expect(at(absent, 'Properties', 'MetricName')).toBe('Invocations');
      expect(at(absent, 'Properties', 'ComparisonOperator')).toBe('LessThanThreshold');
      expect(at(absent, 'Properties', 'TreatMissingData')).toBe('breaching');
      expect(at(absent, 'Properties', 'EvaluationPeriods')).toBe(25);
      const id = logicalIdOf(kawal.api, jobFunction(job.name));
      api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: id },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    }
    api.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    expect(at(alarmNamed('job-failures-queued'), 'Properties', 'MetricName')).toBe(
      'ApproximateNumberOfMessagesVisible',
    );
  });

  it('alarms on DynamoDB throttles and system errors, and draws one dashboard', () => {
    for (const name of ['table-throttles', 'table-system-errors']) {
      const metrics = asArray(at(alarmNamed(name), 'Properties', 'Metrics'));
      expect(metrics.length).toBeGreaterThan(1);
    }
    expect(resources(api, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });

  it('refuses a malformed alarm address at synth', () => {
    expect(() => checkAlarmEmail('ops at bapas')).toThrow(/Invalid alarm e-mail/);
    expect(() => checkAlarmEmail(ALARM_EMAIL)).not.toThrow();
  });
});
