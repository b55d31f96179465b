/**
 * Builds Kawal's two stacks for one stage. The CDK app (cdk/bin/app.ts) and the stack tests call this
 * same function, so the tests check the wiring that is deployed.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { Monitoring } from './monitoring';
import { acknowledgeNagFindings, type NagAcknowledgment } from './nag-suppressions';

export interface KawalStacksOptions {
  stage: string;
  env: Environment;
  /** The built web app folder, or undefined when it has not been built. */
  webDist: string | undefined;
  /** Where alarms are e-mailed (`-c alarmEmail=...`); without it, subscribe to the topic later. */
  alarmEmail?: string | undefined;
  /** A backup vault elsewhere (`-c backupCopyVaultArn=...`) that daily backups are copied to. */
  backupCopyVaultArn?: string | undefined;
  /**
   * Whether to apply the cdk-nag acknowledgments of ./nag-suppressions.ts (default true). Only the
   * tests turn it off, to see the findings they answer.
   */
  acknowledgeNagFindings?: boolean;
}

export interface KawalStacks {
  data: DataStack;
  api: ApiStack;
  monitoring: Monitoring;
  /** The cdk-nag findings accepted, where and why (empty when not applied). */
  nagAcknowledgments: NagAcknowledgment[];
}

/** Stage names end up in stack, pool and key alias names: keep them short and plain. */
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;

export function createKawalStacks(app: App, options: KawalStacksOptions): KawalStacks {
  const { stage, env, webDist } = options;
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Invalid stage "${stage}": use 1-20 lowercase letters, digits or dashes`);
  }
  const tags = { app: 'kawal', stage };
  const data = new DataStack(app, `Kawal-${stage}-Data`, {
    env,
    stage,
    tags,
    description: `Kawal ${stage}: case table and its encryption key (stateful, retained)`,
    // Stateful whatever the stage is called: deleting it must be a deliberate, two-step act.
    terminationProtection: true,
    backupCopyVaultArn: options.backupCopyVaultArn,
  });
  const api = new ApiStack(app, `Kawal-${stage}-Api`, {
    env,
    stage,
    tags,
    description: `Kawal ${stage}: sign-in, HTTP API, handlers, scheduled jobs and web app`,
    // It holds the user pool (every account, its groups and office), retained but protected here too:
    // tearing the stage down is a deliberate act in both stacks.
    terminationProtection: true,
    table: data.table,
    webDist,
  });
  const monitoring = new Monitoring(api, 'Monitoring', {
    stage,
    alarmEmail: options.alarmEmail,
    httpApi: api.httpApi,
    table: data.table,
    functions: api.functions,
    jobs: api.jobs,
  });
  const stacks: KawalStacks = { data, api, monitoring, nagAcknowledgments: [] };
  if (options.acknowledgeNagFindings !== false) stacks.nagAcknowledgments = acknowledgeNagFindings(stacks);
  return stacks;
}
