/**
 * The agency's deployment configuration: one `kawal.config.json` at the repository's root (or the file
 * `-c config=<path>` names), checked against `cdk/kawal.config.schema.json` before anything is built,
 * so a wrong value stops the synth with a message naming it instead of failing in CloudFormation.
 * Every setting may sit at the top (all stages) or under `stages.<name>`, which replaces it there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { type KawalFunctionProps, REPO_ROOT } from './kawal-function';

export const CONFIG_FILE = join(REPO_ROOT, 'kawal.config.json');
export const CONFIG_SCHEMA_FILE = join(REPO_ROOT, 'cdk', 'kawal.config.schema.json');

export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

export interface OfficeSeed {
  id: string;
  name: string;
  timeZone?: TimeZone;
  address?: string;
}

/** The settings of one stage, as the stacks receive them. */
export interface StageConfig {
  stage: string;
  region: string;
  agency: { name: string; appName: string };
  /** The first administrator, invited by the deploy. */
  admin?: { email: string; name: string };
  alarmEmail?: string;
  /** `admins`: the admin group reaches tokens only with an authenticator (functions/auth/pre-token.ts). */
  mfa: 'optional' | 'admins' | 'required';
  /** `invocations`: Lambda's own X-Ray traces; `calls`: inside the handlers too (cdk/lib/kawal-function.ts). */
  tracing: 'invocations' | 'calls' | 'off';
  /** Cognito's e-mails through SES from the agency's address. */
  email?: { from: string; fromName?: string; replyTo?: string; sesRegion?: string };
  domain?: { name: string; certificateArn: string; apiName: string; apiCertificateArn: string };
  /** Undefined when the firewall is off. */
  waf?: { rateLimit: number };
  backupCopyVaultArn?: string;
  tableName?: string;
  offices: OfficeSeed[];
}

/** What the file holds at the top or under one stage (before defaults). */
interface Settings {
  agency?: { name: string; appName?: string };
  region?: string;
  admin?: { email: string; name: string };
  alarmEmail?: string;
  mfa?: 'optional' | 'admins' | 'required';
  tracing?: 'invocations' | 'calls' | 'off';
  email?: { from: string; fromName?: string; replyTo?: string; sesRegion?: string };
  domain?: { name: string; certificateArn: string; apiName: string; apiCertificateArn: string };
  waf?: { enabled: boolean; rateLimit?: number };
  backupCopyVaultArn?: string;
  tableName?: string;
  offices?: OfficeSeed[];
}

interface ConfigFile extends Settings {
  stages?: Record<string, Settings>;
}

export const DEFAULT_REGION = 'ap-southeast-3';
export const DEFAULT_APP_NAME = 'Kawal';
export const DEFAULT_WAF_RATE_LIMIT = 1000;

/** A configuration that cannot be deployed; the message names every wrong value. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} cannot be used:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema as object);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** `stages.prod.domain.name` from `/stages/prod/domain/name`. */
function pathOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return segments.join('.') || '(the file)';
}

/** One sentence per wrong value: where it is, what is wrong, and what the field expects. */
function describe(error: ErrorObject): string | undefined {
  const where = pathOf(error);
  const expects = typeof error.parentSchema?.description === 'string' ? error.parentSchema.description : '';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: is not a setting Kawal knows (check its spelling)`;
    case 'required':
      return `${where}: is missing`;
    case 'pattern':
    case 'format':
      return `${where}: "${String(error.data)}" is not valid; expected ${expects || 'another value'}`;
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where}: must be ${String(error.params.type) === 'object' ? 'an object' : `a ${String(error.params.type)}`}`;
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'maxItems':
      return `${where}: ${error.message ?? 'is out of range'}${expects ? ` (${expects})` : ''}`;
    case 'propertyNames':
      // Reported with the offending name by the nested pattern error.
      return undefined;
    default:
      return `${where}: ${error.message ?? 'is not valid'}`;
  }
}

function problemsOf(errors: ErrorObject[]): string[] {
  const seen = new Set<string>();
  for (const error of errors) {
    // A stage name's pattern error points at the name itself.
    const text =
      error.keyword === 'pattern' && error.propertyName !== undefined
        ? `stages.${error.propertyName}: is not a valid stage name; use 1 to 20 lowercase letters, digits or dashes, starting with a letter`
        : describe(error);
    if (text) seen.add(text);
  }
  return [...seen];
}

/** Rules a schema cannot say: ids that repeat, settings that only make sense together. */
function crossChecks(stage: string, config: StageConfig): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const office of config.offices) {
    if (ids.has(office.id)) problems.push(`offices: the id "${office.id}" is used twice (stage ${stage})`);
    ids.add(office.id);
  }
  if (config.domain && config.domain.name === config.domain.apiName) {
    problems.push(`domain.apiName: must differ from domain.name (stage ${stage})`);
  }
  const apiCertRegion = config.domain?.apiCertificateArn.split(':')[3];
  if (config.domain && apiCertRegion !== config.region) {
    problems.push(
      `domain.apiCertificateArn: is in ${apiCertRegion ?? '?'}, but the API is in ${config.region}; issue the API's certificate in ${config.region} (stage ${stage})`,
    );
  }
  return problems;
}

/** The stage's settings from a parsed configuration (already checked against the schema). */
function resolve(file: ConfigFile, stage: string): StageConfig {
  const own = file.stages?.[stage] ?? {};
  const pick = <K extends keyof Settings>(key: K): Settings[K] => (key in own ? own[key] : file[key]);
  const agency = pick('agency');
  const waf = pick('waf');
  const config: StageConfig = {
    stage,
    region: pick('region') ?? DEFAULT_REGION,
    agency: { name: agency?.name ?? DEFAULT_APP_NAME, appName: agency?.appName ?? DEFAULT_APP_NAME },
    mfa: pick('mfa') ?? 'optional',
    tracing: pick('tracing') ?? 'invocations',
    offices: pick('offices') ?? [],
  };
  const admin = pick('admin');
  if (admin) config.admin = { email: admin.email.toLowerCase(), name: admin.name };
  const alarmEmail = pick('alarmEmail');
  if (alarmEmail) config.alarmEmail = alarmEmail;
  const email = pick('email');
  if (email) config.email = email;
  const domain = pick('domain');
  if (domain) config.domain = domain;
  if (waf?.enabled) config.waf = { rateLimit: waf.rateLimit ?? DEFAULT_WAF_RATE_LIMIT };
  const copy = pick('backupCopyVaultArn');
  if (copy) config.backupCopyVaultArn = copy;
  const tableName = pick('tableName');
  if (tableName) config.tableName = tableName;
  return config;
}

/**
 * Checks a configuration (the parsed file) and returns the settings of `stage`. Throws ConfigError
 * listing every problem, in the file and in any stage, so one run shows them all.
 */
export function stageConfig(file: unknown, stage: string, source = 'kawal.config.json'): StageConfig {
  const schemaProblems = problemsOf(validate(file));
  if (schemaProblems.length > 0) throw new ConfigError(source, schemaProblems);
  const parsed = file as ConfigFile;
  const stages = Object.keys(parsed.stages ?? {});
  if (stages.length > 0 && !stages.includes(stage)) {
    throw new ConfigError(source, [
      `stage "${stage}" is not in stages (${stages.join(', ')}); add it there or choose one with -c stage=<name>`,
    ]);
  }
  const problems = [stage, ...stages.filter((name) => name !== stage)].flatMap((name) =>
    crossChecks(name, resolve(parsed, name)),
  );
  if (problems.length > 0) throw new ConfigError(source, problems);
  return resolve(parsed, stage);
}

/** Reads the configuration file (none is the same as `{}`) and returns the settings of `stage`. */
export function loadStageConfig(stage: string, path = CONFIG_FILE): StageConfig {
  if (!existsSync(path)) return stageConfig({}, stage, path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return stageConfig(parsed, stage, path);
}

/** The tracing of a stage's functions from its `tracing` setting. */
export function tracingOf(
  setting: StageConfig['tracing'],
): Pick<KawalFunctionProps, 'tracing' | 'traceCalls'> {
  return {
    tracing: setting === 'off' ? Tracing.DISABLED : Tracing.ACTIVE,
    traceCalls: setting === 'calls',
  };
}
