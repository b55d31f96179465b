/**
 * The Kawal app as the CDK tests synthesize it: the same stack builder and cdk.json context as
 * `cdk synth`, without bundling the handlers unless asked (the templates do not depend on the bundles'
 * contents beyond their asset hashes), so a test can synthesize several stages quickly.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { stageConfig } from '../../cdk/lib/config';
import { createKawalStacks, type KawalStacks } from '../../cdk/lib/kawal';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';

export const ENV = { account: '123456789012', region: 'ap-southeast-3' };

/** The example configuration's production stage: every option of kawal.config.json turned on. */
export const ALL_OPTIONS: Record<string, unknown> = (() => {
  const example = JSON.parse(readFileSync(join(REPO_ROOT, 'kawal.config.example.json'), 'utf8')) as Record<
    string,
    unknown
  > & { stages: Record<string, Record<string, unknown>> };
  const { stages, $schema: _schema, ...shared } = example;
  return { ...shared, ...stages.prod };
})();

/** The `context` of cdk.json: the feature flags every synth and deploy runs with. */
export function cdkJsonContext(): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  const context =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).context : undefined;
  return typeof context === 'object' && context !== null ? { ...(context as Record<string, unknown>) } : {};
}

/** A folder shaped like a built web app (an index page and one hashed asset). */
export function fakeWebDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'kawal-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kawal</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dist;
}

/** Builds (not yet synthesizes) one stage's stacks; handlers are bundled only with `bundle`. */
export function buildKawal(
  options: {
    stage?: string;
    webDist?: string | undefined;
    bundle?: boolean;
    backupCopyVaultArn?: string | undefined;
    acknowledgeNagFindings?: boolean;
    /** kawal.config.json's content (the alarm address is added when it names none). */
    config?: Record<string, unknown>;
  } = {},
): KawalStacks & { app: App } {
  const context = cdkJsonContext();
  // An empty list of stacks to bundle: KawalFunction then packages a placeholder instead of running
  // esbuild (the same switch `cdk synth --exclusively` uses for stacks it does not synthesize).
  if (options.bundle !== true) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context });
  const config = stageConfig(
    {
      alarmEmail: 'ops@bapas.example.go.id',
      ...(options.backupCopyVaultArn ? { backupCopyVaultArn: options.backupCopyVaultArn } : {}),
      ...options.config,
    },
    options.stage ?? 'test',
  );
  const stacks = createKawalStacks(app, {
    config,
    account: ENV.account,
    webDist: options.webDist,
    ...(options.acknowledgeNagFindings === false ? { acknowledgeNagFindings: false } : {}),
  });
  return { ...stacks, app };
}
