/**
 * cdk-nag's AwsSolutions checks over both stacks: nothing left unanswered (no error, no warning),
 * every acknowledgment of cdk/lib/nag-suppressions.ts answers a finding the checks really make and
 * says why, and a real synth of cdk/bin/app.ts (which runs the checks as a validation plugin) passes.
 * What was fixed instead of acknowledged is checked at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';
import { acknowledgeNagFindings, type NagAcknowledgment } from '../../cdk/lib/nag-suppressions';
import { ALL_OPTIONS, buildKawal, cdkJsonContext, fakeWebDist } from './synth';

interface Finding {
  rule: string;
  severity: string;
  path: string;
}

/** What the AwsSolutions pack reports on a synthesized stack, one entry per rule and resource. */
function findingsOf(stack: Stack): Finding[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      path: resource.constructPath ?? '',
    })),
  );
}

const dist = fakeWebDist();
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** Every stack of a build: the Edge stack only exists with the firewall on. */
function stacksOf(kawal: ReturnType<typeof buildKawal>): Stack[] {
  return [kawal.data, kawal.auth, kawal.api, ...(kawal.edge ? [kawal.edge] : [])];
}

const VARIANTS = [
  { name: 'without a built web app', webDist: undefined, backupCopyVaultArn: undefined },
  {
    name: 'with the web app and a backup copy vault',
    webDist: dist,
    backupCopyVaultArn: 'arn:aws:backup:ap-southeast-1:210987654321:backup-vault:kawal-copy',
  },
  { name: 'with every option of kawal.config.json on', webDist: dist, config: ALL_OPTIONS },
  { name: 'with an authenticator required of administrators', webDist: dist, config: { mfa: 'admins' } },
  { name: 'with tracing off', webDist: dist, config: { mfa: 'admins', tracing: 'off' } },
];

describe('cdk-nag AwsSolutions checks', () => {
  for (const variant of VARIANTS) {
    it(`leaves no error and no warning unanswered, ${variant.name}`, () => {
      const kawal = buildKawal(variant);
      kawal.app.synth();
      for (const stack of stacksOf(kawal)) {
        const findings = findingsOf(stack);
        const list = findings.map((f) => `${f.severity} ${f.rule} ${f.path}`).join('\n');
        expect(
          findings.filter((f) => f.severity === 'error'),
          list,
        ).toEqual([]);
        expect(
          findings.filter((f) => f.severity === 'warning'),
          list,
        ).toEqual([]);
      }
    });
  }

  it('acknowledges only findings the checks make, each where it is made and with a reason', () => {
    const bare = buildKawal({ webDist: dist, acknowledgeNagFindings: false });
    bare.app.synth();
    const findings = stacksOf(bare).flatMap(findingsOf);
    const acknowledged = buildKawal({ webDist: dist }).nagAcknowledgments;
    const covers = (ack: NagAcknowledgment, finding: Finding) =>
      ack.id === finding.rule && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
    // Every finding of the bare stacks is acknowledged...
    expect(findings.filter((finding) => !acknowledged.some((ack) => covers(ack, finding)))).toEqual([]);
    // ...and every acknowledgment answers one of them.
    expect(acknowledged.filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
    for (const ack of acknowledged) expect(ack.reason.length, `${ack.id} ${ack.path}`).toBeGreaterThan(80);
    // The accepted rules, for the record (cdk/README.md explains each).
    expect([...new Set(acknowledged.map((ack) => ack.id.replace(/\[.*$/, '')))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG2',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });

  it('acknowledges no missing firewall, TLS floor or MFA when the configuration turns them on', () => {
    const rules = buildKawal({ webDist: dist, config: ALL_OPTIONS }).nagAcknowledgments.map((ack) =>
      ack.id.replace(/\[.*$/, ''),
    );
    for (const rule of ['AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-COG2']) {
      expect(rules).not.toContain(rule);
    }
    // What stays acknowledged there has nothing to do with those options.
    expect(rules).toContain('AwsSolutions-CFR3');
  });

  it('acknowledges IAM wildcards finding by finding, so a new one on the same role still fails', () => {
    const kawal = buildKawal({ webDist: dist });
    const wildcards = kawal.nagAcknowledgments.filter((ack) => ack.id.startsWith('AwsSolutions-IAM5'));
    // On a Kawal function, only the X-Ray statement active tracing adds (no resource ARN to name).
    const functions = [...kawal.api.functions.values(), ...kawal.api.jobs.values()];
    const onFunctions = wildcards.filter(
      (ack) => !ack.path.endsWith('/Web/UploadRole/DefaultPolicy/Resource'),
    );
    expect(onFunctions.map((ack) => ack.path).sort()).toEqual(
      functions.map((fn) => `${fn.role?.node.path}/DefaultPolicy/Resource`).sort(),
    );
    for (const ack of onFunctions) {
      expect(ack.id).toBe('AwsSolutions-IAM5[Resource::*]');
      expect(ack.reason).toContain('xray:PutTraceSegments');
    }
    // The rest on the web upload's role (CDK's BucketDeployment grants).
    expect(
      wildcards
        .filter((ack) => !onFunctions.includes(ack))
        .map((ack) => ack.id)
        .sort(),
    ).toEqual(
      [
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        'AwsSolutions-IAM5[Resource::*]',
        expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<WebBucket[0-9A-F]{8}\.Arn>\/\*\]$/),
        expect.stringMatching(
          /^AwsSolutions-IAM5\[Resource::arn:aws:s3:::cdk-hnb659fds-assets-123456789012-ap-southeast-3\/\*\]$/,
        ),
      ].sort(),
    );
  });

  it("leaves a function's wildcard other than X-Ray's unanswered", () => {
    const kawal = buildKawal({ acknowledgeNagFindings: false });
    const fn = kawal.api.functions.get('cases');
    if (!fn) throw new Error('no cases function');
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const acknowledged = acknowledgeNagFindings(kawal);
    const policyPath = `${fn.role?.node.path}/DefaultPolicy/Resource`;
    expect(acknowledged.filter((ack) => ack.path === policyPath)).toEqual([]);
    expect(findingsOf(kawal.api)).toContainEqual(
      expect.objectContaining({ rule: 'AwsSolutions-IAM5[Resource::*]', path: policyPath }),
    );
  });

  it('lets a real synth of cdk/bin/app.ts, which runs the checks, pass and record the acknowledgments', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kawal-synth-'));
    try {
      // As the CLI runs the app: context (cdk.json) and output folder through the environment.
      // The example configuration's production stage: every option on, the Edge stack included.
      const context = {
        ...cdkJsonContext(),
        'aws:cdk:bundling-stacks': [],
        stage: 'prod',
        config: join(REPO_ROOT, 'kawal.config.example.json'),
      };
      try {
        execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cdk', 'bin', 'app.ts')], {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            CDK_CONTEXT_JSON: JSON.stringify(context),
            CDK_OUTDIR: outdir,
            CDK_DEFAULT_ACCOUNT: '123456789012',
          },
          stdio: 'pipe',
        });
      } catch (error) {
        // The validation report names the unanswered findings; leave out the minified stack trace.
        const { stdout, stderr } = error as { stdout?: unknown; stderr?: unknown };
        const lines = `${String(stdout ?? '')}\n${String(stderr ?? error)}`
          .split('\n')
          .filter((line) => line.length < 400);
        throw new Error(`cdk synth failed:\n${lines.slice(-60).join('\n')}`);
      }
      const template = JSON.parse(readFileSync(join(outdir, 'Kawal-prod-Auth.template.json'), 'utf8')) as {
        Resources: Record<
          string,
          { Type: string; Metadata?: { cdk_nag?: { rules_to_suppress: { id: string }[] } } }
        >;
      };
      const pool = Object.values(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
      expect(pool?.Metadata?.cdk_nag?.rules_to_suppress.map((rule) => rule.id)).toEqual([
        'AwsSolutions-COG8',
      ]);
      // MFA is required in that configuration, so COG2 is not acknowledged but met.
      expect(JSON.stringify(pool)).toContain('"MfaConfiguration":"ON"');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('Findings fixed rather than acknowledged', () => {
  const kawal = buildKawal({ webDist: dist });
  const api = Template.fromStack(kawal.api);
  const resources = api.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;

  it('gives every Kawal function a role of its own, with no managed policy, that may write only its log group', () => {
    const functions = [...kawal.api.functions.values(), ...kawal.api.jobs.values()];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const lambda = resources[kawal.api.getLogicalId(fn.node.defaultChild as CfnElement)];
      if (!lambda) throw new Error(`no Lambda for ${fn.node.path}`);
      const roleId = (lambda.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      expect(resources[roleId]?.Properties.ManagedPolicyArns, fn.node.path).toBeUndefined();
      const logGroupId = (lambda.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const statements = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy')
        .filter((r) => (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
        .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
      const logs = statements.filter((s) => JSON.stringify(s.Action).includes('logs:'));
      expect(logs, fn.node.path).toEqual([
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        },
      ]);
      // No wildcard in any action or resource of a Kawal function, but for sending its X-Ray traces
      // (actions that take no resource ARN; acknowledged in cdk/lib/nag-suppressions.ts).
      const xray = statements.filter((s) => s.Resource === '*');
      expect(xray, fn.node.path).toEqual([
        { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
      ]);
      expect(JSON.stringify(statements.filter((s) => !xray.includes(s))), fn.node.path).not.toContain('*');
    }
  });

  it('lets each schedule invoke its job by the unqualified ARN only, not every version (`:*`)', () => {
    const schedules = Object.values(resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule');
    expect(schedules.length).toBeGreaterThan(0);
    for (const schedule of schedules) {
      const target = schedule.Properties.Target as { Arn: unknown; RoleArn: { 'Fn::GetAtt': [string] } };
      const roleId = target.RoleArn['Fn::GetAtt'][0];
      const statements = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy')
        .filter((r) => (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
        .flatMap((r) => (r.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
      expect(statements).toEqual([
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: target.Arn },
      ]);
    }
  });

  it('gives the web upload a role without the managed basic execution policy, writing only its own log group', () => {
    const role = Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::IAM::Role' && id.startsWith('WebUploadRole'),
    );
    expect(role?.[1].Properties.ManagedPolicyArns).toBeUndefined();
    const uploads = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' && JSON.stringify(r.Properties.Role).includes('WebUploadRole'),
    );
    expect(uploads).toHaveLength(1);
    expect(JSON.stringify(uploads[0]?.Properties.LoggingConfig)).toContain('WebUploadLogs');
  });
});
