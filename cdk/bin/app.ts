/**
 * The Kawal CDK app: `npm run synth`, `npm run deploy` (add `-c stage=prod` for another stage,
 * `-c region=...` for a region other than Jakarta).
 * Two stacks per stage: Kawal-<stage>-Data (the table) and Kawal-<stage>-Api (everything else).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createKawalStacks } from '../lib/kawal';
import { REPO_ROOT } from '../lib/kawal-function';

const app = new App();

// Every synth, and so every `npm run diff` and `npm run deploy`, runs cdk-nag's AwsSolutions checks: a
// finding neither fixed nor acknowledged (with its reason) in ../lib/nag-suppressions.ts stops it. The
// acknowledgments are also written into each resource's template metadata (`cdk_nag`), for auditors.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));

const stageContext: unknown = app.node.tryGetContext('stage');
const stage = typeof stageContext === 'string' && stageContext !== '' ? stageContext : 'dev';

// The account comes from the CLI's credentials. The region is pinned, not taken from
// CDK_DEFAULT_REGION: the CLI fills that with us-east-1 when the profile names no region, and case
// data of Indonesian agencies must not land outside Jakarta by accident. `-c region=...` overrides.
const regionContext: unknown = app.node.tryGetContext('region');
const env = {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: typeof regionContext === 'string' && regionContext !== '' ? regionContext : 'ap-southeast-3',
};

// Without a built web app the stacks still synthesize (CI, first deploy); the Api stack then says so
// in an output instead of failing.
const webDist = join(REPO_ROOT, 'web', 'dist');

const alarmContext: unknown = app.node.tryGetContext('alarmEmail');
const alarmEmail = typeof alarmContext === 'string' && alarmContext !== '' ? alarmContext : undefined;

const copyContext: unknown = app.node.tryGetContext('backupCopyVaultArn');
const backupCopyVaultArn = typeof copyContext === 'string' && copyContext !== '' ? copyContext : undefined;

createKawalStacks(app, {
  stage,
  env,
  webDist: existsSync(webDist) ? webDist : undefined,
  alarmEmail,
  backupCopyVaultArn,
});
