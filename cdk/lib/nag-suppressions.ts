/**
 * Every cdk-nag (AwsSolutions) finding Kawal accepts instead of fixing, in one place, each with why it
 * is acceptable for Kawal. createKawalStacks applies them to the stacks it builds, so `cdk synth`,
 * `cdk diff` and `cdk deploy` (which run the AwsSolutions checks, cdk/bin/app.ts) and the CDK tests
 * see the same acknowledgments. What was fixed rather than accepted is listed in cdk/README.md.
 *
 * Rules that report several findings on one resource (IAM4 managed policies, IAM5 wildcards) are
 * acknowledged finding by finding, by evaluating the rule on the resource as built: a new wildcard or
 * managed policy on the same resource still fails the checks, and an acknowledgment that matches no
 * finding any more stops the synth (remove it).
 */
import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, type CfnRole, type Role } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { ApiStack } from './api-stack';
import type { AuthStack } from './auth-stack';
import type { StageConfig } from './config';
import type { DataStack } from './data-stack';
import type { EdgeStack } from './edge-stack';
import type { Monitoring } from './monitoring';

/** The stacks of one Kawal deployment, as the acknowledgments find their resources in them. */
export interface NagScope {
  data: DataStack;
  auth: AuthStack;
  api: ApiStack;
  edge?: EdgeStack;
  monitoring: Monitoring;
  /** The stage's configuration: what is acknowledged depends on the options it turns on. */
  config: StageConfig;
}

/** One acknowledgment as applied: where, which rule or finding, and why. */
export interface NagAcknowledgment {
  path: string;
  id: string;
  reason: string;
}

/** The public routes of the route table, each allowed to go without the Cognito authorizer. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /api/health':
    'The health check answers without a token on purpose: uptime checks and the web app call it before anyone signs in, and it returns only whether the table is reachable, no data. Every other route has the Cognito JWT authorizer.',
  'GET /api/forms/{id}/versions/{n}/validator.js':
    "A published form version's precompiled validators, which the browser imports as a JavaScript module so that the strict Content-Security-Policy needs no eval; a module import cannot send the token. It holds the form's own content (fields, choices, messages), the same for every caller and never changing, never case data.",
  'GET /api/forms/{id}/previews/{hash}/validator.js':
    "The studio preview's validators for a draft an administrator posted (POST /api/forms/{id}/previews, which needs the admin token), imported as a module for the same reason; addressed by the SHA-256 of the draft's schema, which only that administrator's browser knows. It holds form content, never case data.",
};

const NODE_RUNTIME =
  'Kawal pins Node.js 22, the runtime its handlers are bundled for (esbuild target) and tested on; moving to a newer Lambda runtime is a deliberate upgrade with its own test run, not a side effect of a deploy.';

const XRAY_TRACING =
  "xray:PutTraceSegments and xray:PutTelemetryRecords, which Lambda's active tracing grants the function to send its X-Ray traces: X-Ray has no resource to name in a policy (these actions take no resource ARN), and they only write trace data, never read anything.";

/** The actions active tracing grants on every resource (CDK's Function with `tracing: ACTIVE`). */
const XRAY_ACTIONS: readonly string[] = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

/**
 * Whether the policy's only statements on every resource (`*`) are X-Ray's: then its IAM5
 * `Resource::*` finding is acknowledged; any other action on `*` in it leaves the finding unanswered.
 */
function onlyXrayUsesEveryResource(policy: CfnPolicy): boolean {
  const document = Stack.of(policy).resolve(policy.policyDocument) as {
    Statement?: { Action?: string | string[]; Resource?: unknown }[];
  };
  const onEvery = (document.Statement ?? []).filter((statement) => [statement.Resource].flat().includes('*'));
  return (
    onEvery.length > 0 &&
    onEvery.every((statement) => [statement.Action ?? []].flat().every((a) => XRAY_ACTIONS.includes(a)))
  );
}

/** The findings of one multi-finding rule on one resource that Kawal accepts, each with why. */
interface ExpectedFinding {
  finding: string | RegExp;
  reason: string;
}

export function acknowledgeNagFindings(stacks: NagScope): NagAcknowledgment[] {
  const applied: NagAcknowledgment[] = [];
  const acknowledge = (scope: IConstruct, id: string, reason: string) => {
    Validations.of(scope).acknowledge({ id, reason });
    applied.push({ path: scope.node.path, id, reason });
  };
  /** Evaluates `rule` on `resource` and acknowledges the findings matching `expected`, one by one. */
  const acknowledgeFindings = (
    resource: CfnResource,
    ruleId: string,
    rule: (node: CfnResource) => unknown,
    expected: readonly ExpectedFinding[],
  ) => {
    const result = rule(resource);
    const findings = Array.isArray(result) ? result.map(String) : [];
    for (const { finding, reason } of expected) {
      const matching = findings.filter((f) =>
        typeof finding === 'string' ? f === finding : finding.test(f),
      );
      if (matching.length === 0) {
        throw new Error(
          `cdk-nag acknowledgment ${ruleId}[${String(finding)}] on ${resource.node.path} matches no finding: remove it from cdk/lib/nag-suppressions.ts`,
        );
      }
      for (const match of matching) acknowledge(resource, `${ruleId}[${match}]`, reason);
    }
  };

  // ---- Data stack -------------------------------------------------------------------------------
  const backupRole = stacks.data.backupSelection.grantPrincipal as Role;
  acknowledgeFindings(
    backupRole.node.defaultChild as CfnRole,
    'AwsSolutions-IAM4',
    rules.iam.IAMNoManagedPolicies,
    [
      {
        finding:
          /^Policy::arn:(aws|<AWS::Partition>):iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForBackup$/,
        reason:
          "AWS Backup's own service role policy is the documented way to let AWS Backup snapshot the table; AWS keeps it in step with what Backup needs, and only backup.amazonaws.com can assume this role.",
      },
    ],
  );

  // ---- Auth stack ---------------------------------------------------------------------------------
  const { api, auth } = stacks;
  if (stacks.config.mfa !== 'required') {
    acknowledge(
      auth.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (an authenticator app, TOTP) because the agency configured `mfa: "optional"`: each person may turn it on from their account page in the web app. Set `mfa: "required"` in kawal.config.json to make everyone enrol one at the first sign-in. Accounts are created only by administrators, with passwords of 12 characters or more and temporary passwords valid 3 days.',
    );
  }
  acknowledge(
    auth.userPool,
    'AwsSolutions-COG8',
    "Essentials plan: Plus (threat protection) is charged per monthly active user, a recurring cost out of proportion for one agency's staff. Self sign-up is closed, user existence errors are hidden, refresh tokens are revocable and the API is throttled.",
  );

  const trigger = auth.adminMfaTrigger;
  if (trigger) {
    acknowledge(trigger, 'AwsSolutions-L1', NODE_RUNTIME);
    const policy = trigger.role?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
    if (policy instanceof CfnPolicy) {
      acknowledgeFindings(policy, 'AwsSolutions-IAM5', rules.iam.IAMNoWildcardPermissions, [
        {
          finding: /^Resource::arn:(aws|<AWS::Partition>):cognito-idp:[^:]+:[^:]+:userpool\/\*$/,
          reason:
            "The sign-in trigger reads the signing-in account's MFA settings (cognito-idp:AdminGetUser, read-only, nothing else) in this account and region. It cannot name its pool: the pool names the trigger, so a policy naming the pool would make each wait for the other (a circular dependency CloudFormation refuses).",
        },
        ...(onlyXrayUsesEveryResource(policy) ? [{ finding: 'Resource::*', reason: XRAY_TRACING }] : []),
      ]);
    }
  }

  // ---- Api stack: API -------------------------------------------------------------------------------
  for (const [key, route] of api.routes) {
    const reason = PUBLIC_ROUTES[key];
    if (reason) acknowledge(route, 'AwsSolutions-APIG4', reason);
  }
  acknowledge(
    api.cursorSecret,
    'AwsSolutions-SMG4',
    "The key only signs pagination cursors and is read into the functions' configuration at deploy time, so a rotation in Secrets Manager would not reach them before the next deploy. A leaked key lets a caller forge a cursor only for a query the server built for that caller (index, key condition and filter are signed with it), so it exposes nothing beyond the caller's own lists.",
  );
  acknowledge(
    api.originSecret,
    'AwsSolutions-SMG4',
    "The value only proves that a request to the API came through CloudFront; it is written into CloudFront's origin settings and the functions' configuration at deploy time, so a rotation in Secrets Manager would reach neither before the next deploy (which can rotate it by replacing the secret). Knowing it lets a caller skip CloudFront and its firewall, not sign-in: every route but the health check still needs a Cognito token.",
  );

  // ---- Api stack: functions ----------------------------------------------------------------------------
  for (const fn of [...api.functions.values(), ...api.jobs.values()]) {
    acknowledge(fn, 'AwsSolutions-L1', NODE_RUNTIME);
    const policy = fn.role?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
    if (policy instanceof CfnPolicy && onlyXrayUsesEveryResource(policy)) {
      acknowledgeFindings(policy, 'AwsSolutions-IAM5', rules.iam.IAMNoWildcardPermissions, [
        { finding: 'Resource::*', reason: XRAY_TRACING },
      ]);
    }
  }
  acknowledge(
    stacks.monitoring.jobFailures,
    'AwsSolutions-SQS3',
    "This queue is itself the scheduled jobs' dead-letter destination (Lambda's on-failure destination, which the rule cannot see): nothing consumes it, an alarm fires as soon as it holds a message, and messages are kept 14 days for a person to read.",
  );

  // ---- Api stack: web app ----------------------------------------------------------------------------
  acknowledge(
    api.distribution,
    'AwsSolutions-CFR1',
    'No geo restriction: staff work from offices, home visits and courts and sometimes travel abroad, and a country block would not stop anyone inside Indonesia; who gets in is decided by Cognito sign-in and roles.',
  );
  if (!stacks.edge) {
    acknowledge(
      api.distribution,
      'AwsSolutions-CFR2',
      "No AWS WAF web ACL, because the agency's configuration leaves `waf` off (its monthly fees can be out of proportion for one office's internal tool). The API is throttled (burst 100, 50 requests/s), every route but the health check needs a Cognito token checked by API Gateway, and the bucket is private. Set `waf.enabled` in kawal.config.json to put managed rules and a rate limit in front.",
    );
  }
  acknowledge(
    api.distribution,
    'AwsSolutions-CFR3',
    "No CloudFront access logs: CloudFront does not deliver standard logs to buckets in opt-in regions such as Jakarta (ap-southeast-3), and logs of staff IP addresses and case paths must not leave the agency's region. API Gateway's access log (in the region, kept 3 months) records every API request with the caller's id and IP, and the site bucket's access logs are kept a year.",
  );
  if (!stacks.config.domain) {
    acknowledge(
      api.distribution,
      'AwsSolutions-CFR4',
      "The site is served under the distribution's own *.cloudfront.net name because the agency's configuration names no `domain`; that certificate's oldest accepted TLS version is CloudFront's to manage. With `domain` set in kawal.config.json the distribution uses the agency's ACM certificate and refuses anything older than TLS 1.2. Current browsers negotiate TLS 1.2 or 1.3 anyway.",
    );
  }

  // The web upload (CDK's BucketDeployment, only when web/dist was built): its Lambda and what it grants.
  const uploads = api.node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  for (const upload of uploads) {
    acknowledge(
      upload,
      'AwsSolutions-L1',
      "The web upload function is CDK's BucketDeployment, whose runtime aws-cdk-lib chooses; it runs only during a deploy and never sees case data.",
    );
  }
  const uploadRole = api.site.node.tryFindChild('UploadRole');
  const uploadPolicy = uploadRole?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  if (uploadPolicy instanceof CfnPolicy) {
    const bucketArn = `<${Stack.of(api).getLogicalId(api.site.bucket.node.defaultChild as CfnResource)}.Arn>`;
    const grants =
      "granted by CDK's BucketDeployment to upload the build: it reads the zip from CDK's asset bucket, writes the site bucket and prunes pages a new build no longer has";
    acknowledgeFindings(uploadPolicy, 'AwsSolutions-IAM5', rules.iam.IAMNoWildcardPermissions, [
      { finding: 'Action::s3:GetBucket*', reason: `Reading bucket settings, ${grants}.` },
      { finding: 'Action::s3:GetObject*', reason: `Reading objects, ${grants}.` },
      { finding: 'Action::s3:List*', reason: `Listing objects, ${grants}.` },
      { finding: 'Action::s3:DeleteObject*', reason: `Deleting stale pages in the site bucket, ${grants}.` },
      { finding: 'Action::s3:Abort*', reason: `Aborting unfinished multipart uploads, ${grants}.` },
      {
        finding: `Resource::${bucketArn}/*`,
        reason: `The site bucket's objects (the build and nothing else), ${grants}.`,
      },
      {
        finding: /^Resource::arn:(aws|<AWS::Partition>):s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/,
        reason: `The objects of CDK's bootstrap asset bucket, where cdk deploy uploads the build zip, ${grants}.`,
      },
      {
        finding: 'Resource::*',
        reason:
          "cloudfront:CreateInvalidation and GetInvalidation, which BucketDeployment grants without naming a distribution; the function invalidates only this site's distribution after an upload.",
      },
    ]);
  }
  return applied;
}
