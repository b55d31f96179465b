/**
 * The one Lambda construct every Kawal handler is deployed with (the HTTP handlers of functions/api/
 * and the scheduled jobs of functions/jobs/), so runtime, bundling, logging and table access are
 * decided once instead of per function.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../functions/platform/metric-names';
import { TABLE_SPEC } from '../../functions/store/table-spec';
import { bundleHandler, ENTRY_FILE } from './bundle';
import { keyActionsOf, type TableGrant } from './table-grants';

/** The repository root: the bundling project root and where `functions/` lives. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where a handler lives under functions/: `api` for the HTTP handlers (one per `fn` of the route
 * table), `jobs` for the scheduled ones (one per row of JOBS), `auth` for Cognito's triggers.
 * Nothing else is deployable.
 */
export type HandlerKind = 'api' | 'jobs' | 'auth';

const KIND_WORDS: Record<HandlerKind, string> = { api: 'API', jobs: 'job', auth: 'sign-in trigger' };

export interface KawalFunctionProps {
  /** The handler: bundles `functions/<kind>/<name>.ts`, whose export `handler` Lambda calls. */
  name: string;
  /** @default 'api' */
  kind?: HandlerKind;
  /** @default "Kawal <name> API" or "Kawal <name> job" */
  description?: string;
  /** @default 10 seconds: API Gateway gives up after 30, and a slow handler should fail well before. */
  timeout?: Duration;
  /** @default 512 MB: on Lambda, CPU scales with memory, and ajv/rule compilation is CPU-bound. */
  memorySize?: number;
  /**
   * @default ACTIVE: Lambda records an X-Ray trace of every invocation (its start, duration and
   * errors, joined to the API's trace) without loading anything into the function.
   */
  tracing?: Tracing;
  /**
   * @default false. With active tracing, true also traces inside the handler (functions/platform/
   * tracing.ts): the handler and each DynamoDB and Cognito call as subsegments, through Powertools
   * Tracer, whose X-Ray SDK loads at every cold start (about 120 KB and 15-20 ms, measured by
   * `npm run bench`) and follows every promise of the process with an async hook.
   */
  traceCalls?: boolean;
  /** @default THREE_MONTHS */
  logRetention?: RetentionDays;
  /**
   * Repository folders copied into the package under `content/` (e.g. forms and rules for the job
   * that seeds them), so a handler can read files the bundle does not import.
   */
  contentFolders?: readonly string[];
  /**
   * Files written into the package's `content/` at bundling time, by name (e.g. what the agency's
   * configuration asks the seed job to create): data the deploy decides, not the repository.
   */
  contentFiles?: Readonly<Record<string, string>>;
}

const HANDLER_NAME = /^[a-z][a-z0-9-]*$/;
const FOLDER_NAME = /^[a-z][a-z0-9-]*$/;

const FILE_NAME = /^[a-z][a-z0-9-]*\.json$/;

/**
 * The packages this process wrote under the system's temporary folder. Synthesis copies each into the
 * cloud assembly (`cdk.out`), so they are removed when the process ends: every synth with bundling
 * (a deploy, a diff, the CDK tests) would otherwise leave a package per function behind.
 */
const written: string[] = [];
function temporaryFolder(prefix: string): string {
  if (written.length === 0) {
    process.once('exit', () => {
      for (const dir of written) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  written.push(dir);
  return dir;
}

/** A stand-in package for stacks synthesized without bundling (`aws:cdk:bundling-stacks`). */
let placeholder: string | undefined;
function placeholderPackage(): string {
  if (!placeholder) {
    placeholder = temporaryFolder('kawal-placeholder-');
    writeFileSync(
      join(placeholder, ENTRY_FILE),
      'export const handler = async () => ({ statusCode: 503 });\n',
    );
  }
  return placeholder;
}

/**
 * The handler's package (cdk/lib/bundle.ts: esbuild with code splitting), built when the stack is
 * synthesized for deploy; a placeholder when the synth skips bundling (`aws:cdk:bundling-stacks`, as
 * `cdk synth --exclusively` and the CDK tests set it), as CDK's own bundled functions do.
 */
function handlerCode(scope: Construct, props: KawalFunctionProps, entry: string): Code {
  for (const folder of props.contentFolders ?? []) {
    if (!FOLDER_NAME.test(folder) || !existsSync(join(REPO_ROOT, folder))) {
      throw new Error(`KawalFunction: no repository folder "${folder}" to copy`);
    }
  }
  for (const name of Object.keys(props.contentFiles ?? {})) {
    if (!FILE_NAME.test(name)) throw new Error(`KawalFunction: "${name}" is not a content file name`);
  }
  if (!Stack.of(scope).bundlingRequired) return Code.fromAsset(placeholderPackage());
  const bundle = bundleHandler({
    root: REPO_ROOT,
    outDir: temporaryFolder(`kawal-${props.name}-`),
    entry,
    ...(props.contentFolders ? { contentFolders: props.contentFolders } : {}),
    ...(props.contentFiles ? { contentFiles: props.contentFiles } : {}),
  });
  return Code.fromAsset(bundle.dir);
}

export class KawalFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: KawalFunctionProps) {
    const kind = props.kind ?? 'api';
    // A plain file name, so the entry cannot leave functions/<kind>/.
    if (!HANDLER_NAME.test(props.name)) {
      throw new Error(
        `KawalFunction "${props.name}": not a handler name (lowercase letters, digits, dashes)`,
      );
    }
    const entry = join(REPO_ROOT, 'functions', kind, `${props.name}.ts`);
    // Fail at synth with a clear message rather than an esbuild stack trace.
    if (!existsSync(entry)) {
      throw new Error(`KawalFunction "${props.name}" (${kind}): no handler file ${entry}`);
    }
    // Created explicitly (not left to Lambda on first invocation) so it has a retention and is owned by
    // the stack; unnamed, so a replaced function never collides with an old group.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, without AWSLambdaBasicExecutionRole (logs:CreateLogGroup and writing to every log
    // group of the account): the group exists, so the function may only add streams and events to it.
    // Everything else the role may do is granted below (bindTable) or by the stack, by name.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Kawal ${props.name} ${KIND_WORDS[kind]} function`,
    });
    logGroup.grantWrite(role);

    const tracing = props.tracing ?? Tracing.ACTIVE;
    const traceCalls = tracing === Tracing.ACTIVE && props.traceCalls === true;

    super(scope, id, {
      code: handlerCode(scope, props, entry),
      handler: `${ENTRY_FILE.slice(0, -'.mjs'.length)}.handler`,
      description: props.description ?? `Kawal ${props.name} ${KIND_WORDS[kind]}`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      tracing,
      logGroup,
      role,
      // KAWAL_TABLE is added by bindTable, KAWAL_STAGE by the monitoring. Nothing else: KAWAL_CONTENT_TTL_MS
      // and the other tunables of functions/platform/config.ts keep their defaults in AWS.
      environment: {
        // Stack traces in CloudWatch point at functions/*.ts lines, not minified bundle columns.
        NODE_OPTIONS: '--enable-source-maps',
        // Powertools (functions/platform/logger.ts, metrics.ts, tracing.ts): `service` in every log
        // line, metric and trace is the handler's name; the log level stays Powertools' INFO.
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Tells platform/tracing.ts whether to load the X-Ray SDK.
        ...(traceCalls ? {} : { POWERTOOLS_TRACE_ENABLED: 'false' }),
      },
    });
  }

  /**
   * Grants this function exactly the table actions of its entry in TABLE_GRANTS (./table-grants.ts):
   * its item actions on the table, dynamodb:Query on each index when it queries them, and the key
   * actions that go with them. Tells the handler the table's name (functions/platform/config.ts).
   */
  bindTable(table: Table, grant: TableGrant): this {
    const items = [...new Set(grant.table)].sort();
    if (items.length > 0) {
      this.addToRolePolicy(new PolicyStatement({ actions: items, resources: [table.tableArn] }));
    }
    if (grant.indexes) {
      // Each index by name (the same spec the Data stack builds them from), not `index/*`.
      const indexes = TABLE_SPEC.indexes.map((index) => `${table.tableArn}/index/${index.name}`);
      this.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexes }));
    }
    const key = table.encryptionKey;
    if (key) {
      const stack = Stack.of(this);
      this.addToRolePolicy(
        new PolicyStatement({
          actions: keyActionsOf(grant),
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
        }),
      );
    }
    this.addEnvironment('KAWAL_TABLE', table.tableName);
    return this;
  }
}
