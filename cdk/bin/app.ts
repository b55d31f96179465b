/**
 * The Kawal CDK app: `npm run synth`, `npm run deploy` (add `-c stage=prod` for another stage of
 * kawal.config.json, `-c config=<file>` for a configuration file other than kawal.config.json).
 * Per stage: Kawal-<stage>-Data (the table), Kawal-<stage>-Auth (the user pool), Kawal-<stage>-Api
 * (everything else) and, with the firewall on, Kawal-<stage>-Edge (its web ACL, in us-east-1).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONFIG_FILE, ConfigError, loadStageConfig } from '../lib/config';
import { createKawalStacks } from '../lib/kawal';
import { REPO_ROOT } from '../lib/kawal-function';

const app = new App();

// Every synth, and so every `npm run diff` and `npm run deploy`, runs cdk-nag's AwsSolutions checks: a
// finding neither fixed nor acknowledged (with its reason) in ../lib/nag-suppressions.ts stops it. The
// acknowledgments are also written into each resource's template metadata (`cdk_nag`), for auditors.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));

function contextString(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const stage = contextString('stage') ?? 'dev';
const configFile = contextString('config');

// The region comes from the configuration (Jakarta when it names none), never from the CLI's profile:
// the CLI fills CDK_DEFAULT_REGION with us-east-1 when the profile names no region, and case data of
// Indonesian agencies must not land outside Jakarta by accident. The account is the credentials'.
let config: ReturnType<typeof loadStageConfig>;
try {
  config = loadStageConfig(stage, configFile ? resolve(configFile) : CONFIG_FILE);
} catch (error) {
  if (error instanceof ConfigError) {
    // The problems, one per line, without a stack trace: they are the agency's to fix.
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Without a built web app the stacks still synthesize (CI, first deploy); the Api stack then says so
// in an output instead of failing.
const webDist = join(REPO_ROOT, 'web', 'dist');

createKawalStacks(app, {
  config,
  account: process.env.CDK_DEFAULT_ACCOUNT,
  webDist: existsSync(webDist) ? webDist : undefined,
});
