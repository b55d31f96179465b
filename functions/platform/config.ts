/**
 * Configuration read from the environment once, at module load, failing fast with the variable's name.
 * Lambda and the local launcher set the same variables.
 */

export interface Config {
  /** DynamoDB table holding every item. */
  tableName: string;
  /** Endpoint override for DynamoDB Local; undefined in AWS. */
  dynamoEndpoint: string | undefined;
  region: string;
  /** Largest request body accepted, in bytes (the contract says 1 MiB). */
  maxBodyBytes: number;
  /** How long a process trusts its copy of a published pointer before reading it again. */
  contentTtlMs: number;
  /** The Cognito user pool the admin routes keep accounts in (AWS); undefined on a laptop. */
  userPoolId: string | undefined;
  /**
   * The value CloudFront puts in `x-kawal-origin` on every request it forwards (AWS): a request
   * without it reached the API some other way and is refused. Undefined on a laptop.
   */
  originSecret: string | undefined;
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

let cached: Config | undefined;

/** The process configuration; read on first use and then frozen. */
export function config(): Config {
  cached ??= Object.freeze({
    tableName: required('KAWAL_TABLE'),
    dynamoEndpoint: process.env.KAWAL_DYNAMODB_ENDPOINT || undefined,
    region: process.env.AWS_REGION || 'ap-southeast-3',
    maxBodyBytes: integer('KAWAL_MAX_BODY_BYTES', 1024 * 1024),
    contentTtlMs: integer('KAWAL_CONTENT_TTL_MS', 5000),
    userPoolId: process.env.KAWAL_USER_POOL_ID || undefined,
    originSecret: process.env.KAWAL_ORIGIN_SECRET || undefined,
  });
  return cached;
}
