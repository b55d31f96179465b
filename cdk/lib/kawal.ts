/**
 * Builds Kawal's stacks for one stage. The CDK app (cdk/bin/app.ts) and the stack tests call this
 * same function, so the tests check the wiring that is deployed.
 */
import type { App } from 'aws-cdk-lib';
import { ApiStack } from './api-stack';
import { AuthStack } from './auth-stack';
import type { StageConfig } from './config';
import { DataStack } from './data-stack';
import { EdgeStack } from './edge-stack';
import { Monitoring } from './monitoring';
import { acknowledgeNagFindings, type NagAcknowledgment } from './nag-suppressions';

export interface KawalStacksOptions {
  /** The stage's settings from kawal.config.json (./config.ts), already checked. */
  config: StageConfig;
  /** The account to deploy to (the CLI's credentials); undefined for an environment-agnostic synth. */
  account?: string | undefined;
  /** The built web app folder, or undefined when it has not been built. */
  webDist: string | undefined;
  /**
   * Whether to apply the cdk-nag acknowledgments of ./nag-suppressions.ts (default true). Only the
   * tests turn it off, to see the findings they answer.
   */
  acknowledgeNagFindings?: boolean;
}

export interface KawalStacks {
  data: DataStack;
  auth: AuthStack;
  api: ApiStack;
  /** The firewall's stack in us-east-1, only when `waf.enabled`. */
  edge?: EdgeStack;
  monitoring: Monitoring;
  /** The stage's configuration the stacks were built from. */
  config: StageConfig;
  /** The cdk-nag findings accepted, where and why (empty when not applied). */
  nagAcknowledgments: NagAcknowledgment[];
}

/** CloudFront reads web ACLs (and certificates) only from this region. */
export const EDGE_REGION = 'us-east-1';

export function createKawalStacks(app: App, options: KawalStacksOptions): KawalStacks {
  const { config, webDist } = options;
  const { stage } = config;
  const env = { account: options.account, region: config.region };
  const tags = { app: 'kawal', stage };
  const data = new DataStack(app, `Kawal-${stage}-Data`, {
    env,
    stage,
    tags,
    description: `Kawal ${stage}: case table and its encryption key (stateful, retained)`,
    // Stateful whatever the stage is called: deleting it must be a deliberate, two-step act.
    terminationProtection: true,
    backupCopyVaultArn: config.backupCopyVaultArn,
    tableName: config.tableName,
  });
  const auth = new AuthStack(app, `Kawal-${stage}-Auth`, {
    env,
    tags,
    description: `Kawal ${stage}: sign-in accounts, their groups and offices (stateful, retained)`,
    // Every account lives here and cases name accounts: as protected as the table.
    terminationProtection: true,
    config,
  });
  const edge = config.waf
    ? new EdgeStack(app, `Kawal-${stage}-Edge`, {
        env: { account: options.account, region: EDGE_REGION },
        tags,
        description: `Kawal ${stage}: web application firewall in front of CloudFront`,
        // The Api stack reads the web ACL's ARN from this other region.
        crossRegionReferences: true,
        stage,
        rateLimit: config.waf.rateLimit,
      })
    : undefined;
  const api = new ApiStack(app, `Kawal-${stage}-Api`, {
    env,
    tags,
    description: `Kawal ${stage}: HTTP API, handlers, scheduled jobs and web app`,
    // It holds access logs (retained) and the site: tearing the stage down is a deliberate act here too.
    terminationProtection: true,
    ...(edge ? { crossRegionReferences: true } : {}),
    config,
    table: data.table,
    userPool: auth.userPool,
    webClient: auth.webClient,
    webAclArn: edge?.webAcl.attrArn,
    webDist,
  });
  const monitoring = new Monitoring(api, 'Monitoring', {
    stage,
    alarmEmail: config.alarmEmail,
    httpApi: api.httpApi,
    table: data.table,
    functions: api.functions,
    jobs: api.jobs,
  });
  const stacks: KawalStacks = {
    data,
    auth,
    api,
    ...(edge ? { edge } : {}),
    monitoring,
    config,
    nagAcknowledgments: [],
  };
  if (options.acknowledgeNagFindings !== false) stacks.nagAcknowledgments = acknowledgeNagFindings(stacks);
  return stacks;
}
