/**
 * kawal.config.json: what a wrong value says at synth, and what each option builds. The same
 * configuration is synthesized with every option on (the example file's production stage) and with
 * every option off (an empty file), and the templates are read for the parts the options decide:
 * the agency's domain with TLS 1.2, execute-api turned off, the firewall, the Content-Security-Policy,
 * access logs, MFA, the SES sender, the first administrator and offices, and a restored table's name.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { deploySeedOf } from '../../cdk/lib/api-stack';
import { emailTexts } from '../../cdk/lib/auth-stack';
import { ConfigError, loadStageConfig, type StageConfig, stageConfig } from '../../cdk/lib/config';
import { EDGE_REGION } from '../../cdk/lib/kawal';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';
import { contentSecurityPolicy, ORIGIN_HEADER } from '../../functions/platform/security-headers';
import { ALL_OPTIONS, buildKawal, cdkJsonContext, fakeWebDist } from './synth';

/** The problems a configuration is refused with (none when it is accepted). */
function problemsOf(file: unknown, stage = 'dev'): string[] {
  try {
    stageConfig(file, stage);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('kawal.config.json is checked before anything is built', () => {
  it('accepts no file at all, and the repository and example files, with defaults filled in', () => {
    expect(stageConfig({}, 'dev')).toEqual({
      stage: 'dev',
      region: 'ap-southeast-3',
      agency: { name: 'Kawal', appName: 'Kawal' },
      mfa: 'optional',
      tracing: 'invocations',
      offices: [],
    });
    expect(loadStageConfig('prod').stage).toBe('prod');
    const example = loadStageConfig('prod', join(REPO_ROOT, 'kawal.config.example.json'));
    expect(example.waf).toEqual({ rateLimit: 2000 });
    expect(example.domain?.name).toBe('kawal.bapasbandung.example.go.id');
    expect(example.admin?.email).toBe('admin@bapasbandung.example.go.id');
    expect(example.tracing).toBe('calls');
    // A stage's own value replaces the shared one; what it does not set is shared.
    const dev = loadStageConfig('dev', join(REPO_ROOT, 'kawal.config.example.json'));
    expect(dev.mfa).toBe('optional');
    expect(dev.admin?.email).toBe('dev-admin@bapasbandung.example.go.id');
    expect(dev.offices.map((office) => office.id)).toEqual(['bapas-bandung', 'bapas-garut']);
    expect(dev.domain).toBeUndefined();
    expect(dev.waf).toBeUndefined();
    expect(dev.tracing).toBe('invocations');
  });

  it('names every wrong value, where it is and what it should be, in one run', () => {
    const problems = problemsOf({
      agency: { name: 'X' },
      alarmEmail: 'ops-at-bapas',
      mfa: 'sms',
      tracing: 'full',
      region: 'Jakarta',
      waf: true,
      offices: [{ id: 'Bapas Bandung', name: 'Bapas Bandung' }],
      domian: {},
      stages: {
        dev: {},
        prod: {
          domain: {
            name: 'kawal.bapas.go.id',
            certificateArn:
              'arn:aws:acm:ap-southeast-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
            apiName: 'api.kawal.bapas.go.id',
          },
        },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agency\.name: .*fewer than 2 characters/),
        'alarmEmail: "ops-at-bapas" is not valid; expected an e-mail address such as ops@bapas.example.go.id',
        'mfa: must be one of "optional", "admins", "required"',
        'tracing: must be one of "invocations", "calls", "off"',
        expect.stringMatching(
          /^region: "Jakarta" is not valid; expected an AWS region such as ap-southeast-3/,
        ),
        'waf: must be an object',
        expect.stringMatching(/^offices\.0\.id: "Bapas Bandung" is not valid; expected a short id/),
        'domian: is not a setting Kawal knows (check its spelling)',
        expect.stringMatching(/^stages\.prod\.domain\.certificateArn: .* issued in us-east-1/),
        'stages.prod.domain.apiCertificateArn: is missing',
      ]),
    );
    expect(problems).toHaveLength(10);
    // No regular expression is shown to the person fixing the file.
    for (const problem of problems) expect(problem).not.toMatch(/\^|\$|\\d|pattern/);
  });

  it('refuses a stage the file does not list, a bad stage name, repeated offices and mismatched certificates', () => {
    expect(problemsOf({ stages: { dev: {}, prod: {} } }, 'staging')).toEqual([
      'stage "staging" is not in stages (dev, prod); add it there or choose one with -c stage=<name>',
    ]);
    expect(problemsOf({ stages: { Prod: {} } })).toEqual([
      'stages.Prod: is not a valid stage name; use 1 to 20 lowercase letters, digits or dashes, starting with a letter',
    ]);
    expect(
      problemsOf({
        offices: [
          { id: 'bapas-a', name: 'Bapas A' },
          { id: 'bapas-a', name: 'Bapas A lagi' },
        ],
      }),
    ).toEqual(['offices: the id "bapas-a" is used twice (stage dev)']);
    const domain = (ALL_OPTIONS.domain ?? {}) as Record<string, string>;
    expect(problemsOf({ region: 'ap-southeast-1', domain })).toEqual([
      "domain.apiCertificateArn: is in ap-southeast-3, but the API is in ap-southeast-1; issue the API's certificate in ap-southeast-1 (stage dev)",
    ]);
    expect(problemsOf({ domain: { ...domain, apiName: domain.name } })).toEqual([
      'domain.apiName: must differ from domain.name (stage dev)',
    ]);
  });

  it('stops `cdk synth` with the problems and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kawal-config-'));
    try {
      const file = join(dir, 'kawal.config.json');
      writeFileSync(file, JSON.stringify({ alarmEmail: 'not an address', stages: { dev: {} } }));
      const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], config: file };
      let stderr = '';
      expect(() => {
        try {
          execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cdk', 'bin', 'app.ts')], {
            cwd: REPO_ROOT,
            env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: dir },
            stdio: 'pipe',
          });
        } catch (error) {
          stderr = String((error as { stderr?: unknown }).stderr ?? '');
          throw error;
        }
      }).toThrow();
      expect(stderr).toContain(`${file} cannot be used:`);
      expect(stderr).toContain('alarmEmail: "not an address" is not valid');
      expect(stderr).not.toMatch(/\n\s+at /);
      // A file that is not JSON says so.
      writeFileSync(file, '{ "agency": ');
      expect(() => loadStageConfig('dev', file)).toThrow(/is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const dist = fakeWebDist();
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const allOn = buildKawal({ webDist: dist, config: ALL_OPTIONS });
const allOff = buildKawal({ webDist: dist, config: {} });
const on = {
  api: Template.fromStack(allOn.api),
  auth: Template.fromStack(allOn.auth),
  data: Template.fromStack(allOn.data),
};
const off = {
  api: Template.fromStack(allOff.api),
  auth: Template.fromStack(allOff.auth),
  data: Template.fromStack(allOff.data),
};

function distributionConfig(template: Template): Record<string, unknown> {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  if (!distribution) throw new Error('no distribution');
  return (distribution.Properties as { DistributionConfig: Record<string, unknown> }).DistributionConfig;
}

describe('every option on, and every option off', () => {
  it('synthesizes both, with the Edge stack (us-east-1) only when the firewall is on', () => {
    expect(() => allOn.app.synth()).not.toThrow();
    expect(() => allOff.app.synth()).not.toThrow();
    expect(allOn.edge?.region).toBe(EDGE_REGION);
    expect(allOff.edge).toBeUndefined();
    const stacks = allOn.app.node.children
      .map((child) => child.node.id)
      .filter((id) => id.startsWith('Kawal-'));
    expect(stacks.sort()).toEqual([
      'Kawal-test-Api',
      'Kawal-test-Auth',
      'Kawal-test-Data',
      'Kawal-test-Edge',
    ]);
  });

  it('serves the agency’s domain with its certificate and nothing older than TLS 1.2', () => {
    const config = distributionConfig(on.api);
    expect(config.Aliases).toEqual(['kawal.bapasbandung.example.go.id']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    on.api.hasOutput('SiteDnsTarget', {});
    // Without a domain: CloudFront's own name and certificate.
    expect(distributionConfig(off.api).Aliases).toBeUndefined();
    expect(distributionConfig(off.api).ViewerCertificate).toBeUndefined();
  });

  it('turns off the default execute-api address when the API has its own name, and sends /api/* there', () => {
    on.api.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    on.api.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.kawal.bapasbandung.example.go.id',
      DomainNameConfigurations: [
        Match.objectLike({
          CertificateArn:
            'arn:aws:acm:ap-southeast-3:123456789012:certificate/9a8b7c6d-5e4f-3210-abcd-ef9876543210',
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        }),
      ],
    });
    on.api.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const origins = distributionConfig(on.api).Origins as { DomainName: unknown }[];
    expect(origins.map((origin) => origin.DomainName)).toContainEqual('api.kawal.bapasbandung.example.go.id');
    on.api.hasOutput('ApiDnsTarget', {});
    // Without one, CloudFront can only reach the API at execute-api's address.
    off.api.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    off.api.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it('has CloudFront prove each API request came through it, with a secret the functions check', () => {
    for (const [kawal, template] of [
      [allOn, on.api],
      [allOff, off.api],
    ] as const) {
      const secretId = kawal.api.getLogicalId(kawal.api.originSecret.node.defaultChild as CfnElement);
      const reference = {
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
      };
      const origins = distributionConfig(template).Origins as {
        DomainName: unknown;
        OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
      }[];
      const api = origins.filter((origin) => origin.OriginCustomHeaders);
      expect(api).toHaveLength(1);
      expect(api[0]?.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_HEADER, HeaderValue: reference }]);
      for (const fn of kawal.api.functions.values()) {
        const lambda =
          template.toJSON().Resources[kawal.api.getLogicalId(fn.node.defaultChild as CfnElement)];
        expect(lambda.Properties.Environment.Variables.KAWAL_ORIGIN_SECRET, fn.node.path).toEqual(reference);
      }
    }
  });

  it('caches and compresses the precompiled form validators at the edge, and no other API response', () => {
    const behaviors = distributionConfig(off.api).CacheBehaviors as {
      PathPattern: string;
      CachePolicyId: unknown;
      Compress: boolean;
      AllowedMethods: string[];
      TargetOriginId: string;
    }[];
    // The more specific pattern first: CloudFront takes the first that matches.
    expect(behaviors.map((behavior) => behavior.PathPattern)).toEqual([
      '/api/forms/*/validator.js',
      '/api/*',
    ]);
    const [modules, rest] = behaviors;
    expect(modules?.TargetOriginId).toBe(rest?.TargetOriginId);
    expect(modules?.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(modules?.Compress).toBe(true);
    const policyId = allOff.api.getLogicalId(allOff.api.site.validatorCache.node.defaultChild as CfnElement);
    expect(modules?.CachePolicyId).toEqual({ Ref: policyId });
    off.api.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          // The language and the build are in the query: each is its own module.
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        }),
      }),
    });
    // Everything else under /api stays uncached (CachingDisabled, a managed policy).
    expect(rest?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });

  it('puts the web ACL with managed rules and a rate limit in front of CloudFront', () => {
    if (!allOn.edge) throw new Error('no Edge stack');
    const edge = Template.fromStack(allOn.edge);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'RatePerAddress',
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            }),
          },
        }),
      ]),
    });
    // The distribution names it (read across regions), and has none when the firewall is off.
    expect(distributionConfig(on.api).WebACLId).toBeDefined();
    expect(distributionConfig(off.api).WebACLId).toBeUndefined();
  });

  it('sends the strict Content-Security-Policy (no eval, no inline script) and HSTS on pages and API', () => {
    for (const template of [on.api, off.api]) {
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            ContentSecurityPolicy: {
              ContentSecurityPolicy: contentSecurityPolicy('ap-southeast-3'),
              Override: true,
            },
            StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
            FrameOptions: { FrameOption: 'DENY', Override: true },
          }),
        }),
      });
      const config = distributionConfig(template);
      const [policyId] = Object.keys(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
      const behaviors = [
        config.DefaultCacheBehavior,
        ...((config.CacheBehaviors as unknown[] | undefined) ?? []),
      ] as { ResponseHeadersPolicyId: unknown }[];
      for (const behavior of behaviors) expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    }
    const csp = contentSecurityPolicy('ap-southeast-3');
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self' https://cognito-idp.ap-southeast-3.amazonaws.com");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('keeps the site bucket’s access logs for a year in a retained bucket of the region', () => {
    for (const template of [on.api, off.api]) {
      const buckets = template.findResources('AWS::S3::Bucket');
      const [logId, logBucket] =
        Object.entries(buckets).find(([, bucket]) => bucket.Properties?.LifecycleConfiguration) ?? [];
      expect(logBucket?.DeletionPolicy).toBe('Retain');
      expect(logBucket?.Properties?.LifecycleConfiguration).toEqual({
        Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }],
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { DestinationBucketName: { Ref: logId }, LogFilePrefix: 'site-bucket/' },
      });
    }
  });

  it('requires an authenticator (TOTP, never SMS) when MFA is required, and offers it otherwise', () => {
    on.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    off.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('with `mfa: "admins"`, keeps the admin group out of tokens until the account has an authenticator', () => {
    const admins = buildKawal({ config: { mfa: 'admins' } });
    const pool = Template.fromStack(admins.auth);
    const trigger = admins.auth.adminMfaTrigger;
    if (!trigger) throw new Error('no trigger');
    const triggerId = admins.auth.getLogicalId(trigger.node.defaultChild as CfnElement);
    pool.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [triggerId, 'Arn'] } },
    });
    pool.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Description: Match.stringLikeRegexp('admin group only with an authenticator'),
    });
    // Its one Cognito permission: reading an account.
    const statements = Object.values(pool.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties?.PolicyDocument?.Statement ?? []) as { Action: unknown }[],
    );
    const cognito = statements
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => String(action).startsWith('cognito-idp:'));
    expect(cognito).toEqual(['cognito-idp:AdminGetUser']);
    // The other settings deploy no trigger.
    expect(allOn.auth.adminMfaTrigger).toBeUndefined();
    expect(allOff.auth.adminMfaTrigger).toBeUndefined();
    off.auth.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('sends Cognito’s e-mails through SES from the agency’s address, under its names', () => {
    on.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: 'Kawal Bapas Bandung <kawal@bapasbandung.example.go.id>',
        ReplyToEmailAddress: 'tu@bapasbandung.example.go.id',
      }),
      AdminCreateUserConfig: Match.objectLike({
        InviteMessageTemplate: Match.objectLike({
          EmailSubject: 'Akun Kawal Anda',
          EmailMessage: Match.stringLikeRegexp('Balai Pemasyarakatan Kelas I Bandung'),
        }),
      }),
    });
    const pool = Object.values(off.auth.findResources('AWS::Cognito::UserPool'))[0];
    expect(JSON.stringify(pool?.Properties?.EmailConfiguration ?? {})).not.toContain('DEVELOPER');
    // The invitation tells people to have an authenticator ready only when it is required.
    const required = emailTexts(loadStageConfig('prod', join(REPO_ROOT, 'kawal.config.example.json')));
    expect(required.invitationBody).toContain('aplikasi autentikator');
    expect(emailTexts(stageConfig({}, 'dev')).invitationBody).not.toContain('autentikator');
  });

  it('hands the seed job the configured offices and first administrator, and lets it invite only', () => {
    const config: StageConfig = allOn.config;
    expect(deploySeedOf(config)).toEqual({
      offices: [
        {
          id: 'bapas-bandung',
          name: 'Bapas Kelas I Bandung',
          timeZone: 'Asia/Jakarta',
          address: 'Jl. Contoh No. 1, Bandung',
        },
        { id: 'bapas-garut', name: 'Bapas Kelas II Garut' },
      ],
      admin: { email: 'admin@bapasbandung.example.go.id', name: 'Admin Kawal' },
    });
    expect(deploySeedOf(allOff.config)).toEqual({ offices: [] });
  });

  it('names the table only when the configuration does (a restored table brought under the stack)', () => {
    off.data.hasResourceProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
    const restored = Template.fromStack(
      buildKawal({ config: { tableName: 'kawal-prod-restored-20261201' } }).data,
    );
    restored.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'kawal-prod-restored-20261201' });
    // Same logical id, so `cdk import` adopts the restored table in place of the lost one.
    expect(Object.keys(restored.findResources('AWS::DynamoDB::Table'))).toEqual(
      Object.keys(off.data.findResources('AWS::DynamoDB::Table')),
    );
  });
});
