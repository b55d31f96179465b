/**
 * What keeps a deploy from doing damage: stacks that hold state are termination-protected whatever
 * the stage is called, the app runs with the feature flags CDK recommends for new projects (cdk.json),
 * and `npm run diff` previews exactly what `npm run deploy` would change.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CURRENTLY_RECOMMENDED_FLAGS, FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';
import { buildKawal, cdkJsonContext, fakeWebDist } from './synth';

/** Resource types that hold data a deleted stack would take with it (or orphan). */
const STATEFUL_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::Cognito::UserPool',
  'AWS::Backup::BackupVault',
  'AWS::KMS::Key',
]);

/** The stateful resources of a stack: a stateful type, or anything the stack retains when deleted. */
function statefulResources(stack: Stack): string[] {
  const resources = Template.fromStack(stack).toJSON().Resources as Record<
    string,
    { Type: string; DeletionPolicy?: string }
  >;
  return Object.entries(resources)
    .filter(
      ([, r]) =>
        STATEFUL_TYPES.has(r.Type) || r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'Snapshot',
    )
    .map(([id, r]) => `${id} (${r.Type})`);
}

/** The flags cdk.json deliberately sets otherwise than `cdk init` would, each for a stated reason. */
const KEPT_FLAGS: Record<string, unknown> = {
  // Fn::ImportValue for the table: CloudFormation refuses to delete or change the Data stack's export
  // while the Api stack uses it (weak references would let the table stack go first).
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
  // No construct-usage metadata sent to AWS from an agency's deployment.
  '@aws-cdk/core:enableAdditionalMetadataCollection': false,
};

describe('Termination protection', () => {
  for (const stage of ['dev', 'prod', 'test', 'bapas-bandung']) {
    it(`protects every stack holding data, in a stage named "${stage}"`, () => {
      const kawal = buildKawal({ stage });
      const assembly = kawal.app.synth();
      const stacks = [kawal.data, kawal.auth, kawal.api];
      for (const stack of stacks) {
        const stateful = statefulResources(stack);
        // What the CLI reads when it creates or updates the stack.
        const protectedInAssembly = assembly.getStackByName(stack.stackName).terminationProtection;
        if (stateful.length > 0)
          expect(protectedInAssembly, `${stack.stackName}: ${stateful.join(', ')}`).toBe(true);
      }
      // Every stack holds data: the table, its key and backups; the user pool; the logs.
      expect(stacks.map((stack) => statefulResources(stack).length > 0)).toEqual([true, true, true]);
      expect(statefulResources(kawal.data).some((r) => r.includes('AWS::DynamoDB::Table'))).toBe(true);
      expect(statefulResources(kawal.auth).some((r) => r.includes('AWS::Cognito::UserPool'))).toBe(true);
    });
  }
});

describe('Feature flags (cdk.json)', () => {
  const context = cdkJsonContext();

  it('names no log group /aws/lambda/<function>, which a function deployed before the flags may already have', () => {
    // With @aws-cdk/aws-lambda:useCdkManagedLogGroup, a function given no log group gets a stack-owned
    // group under Lambda's own name; on an installation where that function already ran, the group
    // exists and the deploy fails. Every function here is given an unnamed group instead.
    const dist = fakeWebDist();
    try {
      const kawal = buildKawal({ webDist: dist });
      for (const stack of [kawal.data, kawal.auth, kawal.api]) {
        const template = Template.fromStack(stack);
        const named = Object.values(template.findResources('AWS::Logs::LogGroup')).filter((group) =>
          JSON.stringify(group.Properties?.LogGroupName ?? '').includes('/aws/lambda/'),
        );
        expect(named, stack.stackName).toEqual([]);
      }
      expect(
        Object.keys(Template.fromStack(kawal.api).findResources('Custom::CDKBucketDeployment')),
      ).toHaveLength(2);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('sets every flag CDK recommends for a new project, at its recommended value, but the two kept ones', () => {
    for (const [flag, recommended] of Object.entries(CURRENTLY_RECOMMENDED_FLAGS)) {
      const expected = flag in KEPT_FLAGS ? KEPT_FLAGS[flag] : recommended;
      expect(context[flag], flag).toEqual(expected);
    }
  });

  it('sets no flag this aws-cdk-lib does not know', () => {
    const known = new Set([...Object.keys(FLAGS), ...Object.keys(CURRENTLY_RECOMMENDED_FLAGS)]);
    expect(Object.keys(context).filter((flag) => !known.has(flag))).toEqual([]);
  });
});

describe('npm run diff', () => {
  it('builds the web app and diffs every stack, as npm run deploy builds and deploys them', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.deploy).toBe('npm run build:web && cdk deploy --all');
    // Same app (cdk.json), same web build, same stacks: `npm run diff -- -c stage=prod` previews
    // `npm run deploy -- -c stage=prod`.
    expect(scripts.diff).toBe('npm run build:web && cdk diff --all');
  });
});
