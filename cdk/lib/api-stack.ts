/**
 * The stateless stack: the HTTP API (signed in through the Auth stack's pool) and its Lambda handlers,
 * the scheduled jobs (EventBridge Scheduler → Lambda) and the web app (./site.ts: S3 + CloudFront). Functions and routes are
 * generated from the one route table (functions/api/routes.ts), so AWS serves exactly the routes the
 * local server serves; jobs from the one job table (./jobs.ts).
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  DomainName,
  EndpointType,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { deployedFunctions, ROUTES } from '../../functions/api/routes';
import { type DeploySeed, SEED_FILE } from '../../functions/cases/deploy-seed';
import type { RouteSpec } from '../../functions/platform/http';
import { ORIGIN_HEADER } from '../../functions/platform/security-headers';
import { type StageConfig, tracingOf } from './config';
import { JOBS } from './jobs';
import { KawalFunction } from './kawal-function';
import { Site } from './site';
import { checkTableGrants, tableGrantOf } from './table-grants';

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  /** The table from the Data stack (a cross-stack reference: exports/imports). */
  table: Table;
  /** The user pool and the web app's client, from the Auth stack. */
  userPool: UserPool;
  webClient: UserPoolClient;
  /** The web ACL from the Edge stack (us-east-1), when the firewall is on. */
  webAclArn?: string | undefined;
  /**
   * The built web app (web/dist) to upload, or undefined to deploy the stack without it (the site
   * then serves nothing until the web is built and the stack deployed again).
   */
  webDist: string | undefined;
}

/** Throttling for the whole API: generous for one agency's staff, low enough to cap a runaway client. */
const THROTTLE = { burstLimit: 100, rateLimit: 50 };

/** Whether a route is served in AWS (the login route is local mode's stand-in for Cognito). */
function isDeployed(route: RouteSpec): boolean {
  return route.localOnly !== true;
}

/**
 * The API function that keeps people's accounts in the user pool (functions/api/people.ts): the only
 * one told the pool's id and allowed these admin calls on it, and only on it.
 */
export const USER_POOL_FUNCTION = 'people';
export const USER_POOL_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDeleteSoftwareToken',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/**
 * What the seed job may do in the pool: invite the configured first administrator (create, put in
 * the admin group) or link the account of that e-mail that already exists (read, update attributes).
 */
export const SEED_POOL_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminUpdateUserAttributes',
] as const;

/**
 * Scheduler's target for a job: invokes the function by its unqualified ARN, so its role may invoke
 * exactly that (LambdaInvoke would also allow `<arn>:*`, every version and alias).
 */
class InvokeJob extends LambdaInvoke {
  constructor(
    private readonly job: IFunction,
    props: ScheduleTargetBaseProps,
  ) {
    super(job, props);
  }

  protected override addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.job.functionArn] }),
    );
  }
}

/** The job that seeds default content after each deploy (functions/jobs/seed-content.ts). */
export const SEED_JOB = 'seed-content';

/** What the seed job creates from the configuration: its offices and its first administrator. */
export function deploySeedOf(config: StageConfig): DeploySeed {
  return { offices: config.offices, ...(config.admin ? { admin: config.admin } : {}) };
}

/** "plan-reviews" → "PlanReviews", for CloudFormation output names (alphanumeric only). */
function pascalCase(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export class ApiStack extends Stack {
  /** One function per entry of deployedFunctions(), by name. */
  readonly functions: ReadonlyMap<string, KawalFunction>;
  /** One function per row of JOBS, by name, each run by its own schedule. */
  readonly jobs: ReadonlyMap<string, KawalFunction>;
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly httpApi: HttpApi;
  readonly apiStage: HttpStage;
  readonly distribution: Distribution;
  /** One HTTP API route per deployed route of the table, by `<METHOD> <path>`. */
  readonly routes: ReadonlyMap<string, HttpRoute>;
  /** The private bucket the site is served from. */
  readonly webBucket: Bucket;
  /** The key that signs pagination cursors. */
  readonly cursorSecret: Secret;
  /** The value CloudFront adds to requests it forwards to the API, which the functions check. */
  readonly originSecret: Secret;
  /** The web app's bucket, distribution, headers and access logs. */
  readonly site: Site;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const { stage } = config;

    const { userPool, webClient } = props;
    this.userPool = userPool;
    this.webClient = webClient;

    // --- HTTP API --------------------------------------------------------------------------------
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `kawal-${stage}`,
      description: `Kawal ${stage} API`,
      // The default stage is added below, with throttling and access logs.
      createDefaultStage: false,
      // With the agency's own API name, execute-api's default address is off: every request comes
      // through CloudFront (and its firewall, when on). Without one, CloudFront needs that address.
      disableExecuteApiEndpoint: config.domain !== undefined,
    });
    // The API's own name, which CloudFront forwards /api/* to (a regional endpoint with TLS 1.2).
    const apiDomain = config.domain
      ? new DomainName(this, 'ApiDomain', {
          domainName: config.domain.apiName,
          certificate: Certificate.fromCertificateArn(
            this,
            'ApiCertificate',
            config.domain.apiCertificateArn,
          ),
          endpointType: EndpointType.REGIONAL,
          securityPolicy: SecurityPolicy.TLS_1_2,
        })
      : undefined;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.apiStage = this.httpApi.addStage('DefaultStage', {
      // $default: no stage prefix, so the paths CloudFront forwards (/api/...) match the route keys.
      stageName: '$default',
      ...(apiDomain ? { domainMapping: { domainName: apiDomain } } : {}),
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // API Gateway checks the Cognito token's signature, expiry, issuer and audience (the web client)
    // before a handler runs; the handler then checks roles from the claims. Send the ID token: the
    // access token lacks `name` and `custom:office`.
    const authorizer = new HttpJwtAuthorizer('Cognito', `https://${this.userPool.userPoolProviderUrl}`, {
      jwtAudience: [this.webClient.userPoolClientId],
    });
    const noAuthorizer = new HttpNoneAuthorizer();

    // Every handler this stack deploys has its entry in the grants table, and the table no other.
    checkTableGrants([
      ...deployedFunctions().map((name) => `api/${name}`),
      ...JOBS.map((job) => `jobs/${job.name}`),
      `jobs/${SEED_JOB}`,
    ]);
    // The key that signs pagination cursors, the same for every function so a cursor one function
    // hands out is honoured by the next request wherever it lands. Generated by Secrets Manager;
    // the template holds only a dynamic reference, resolved at deploy time.
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Kawal: signs pagination cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.cursorSecret = cursorSecret;
    // What CloudFront adds to every request it forwards (x-kawal-origin): the functions refuse a request
    // without it, so the API's own address (execute-api, which stays on without a domain of its own)
    // answers nothing, and every request passes CloudFront and its firewall.
    const originSecret = new Secret(this, 'OriginSecret', {
      description: 'Kawal: proves a request to the API came through CloudFront',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.originSecret = originSecret;
    const functions = new Map<string, KawalFunction>();
    for (const name of deployedFunctions()) {
      const fn = new KawalFunction(this, `Fn-${name}`, { name, ...tracingOf(config.tracing) });
      fn.bindTable(table, tableGrantOf(`api/${name}`));
      fn.addEnvironment('KAWAL_CURSOR_SECRET', cursorSecret.secretValue.unsafeUnwrap());
      fn.addEnvironment('KAWAL_ORIGIN_SECRET', originSecret.secretValue.unsafeUnwrap());
      functions.set(name, fn);
    }
    this.functions = functions;
    const accounts = functions.get(USER_POOL_FUNCTION);
    if (!accounts) throw new Error(`No function ${USER_POOL_FUNCTION} to keep the user pool's accounts`);
    // Invitations and changes go to Cognito and to the users directory in the same request.
    accounts.addEnvironment('KAWAL_USER_POOL_ID', this.userPool.userPoolId);
    this.userPool.grant(accounts, ...USER_POOL_ACTIONS);

    // One integration per function: it serves all its routes and dispatches on routeKey itself.
    // One invoke permission per function for the whole API keeps the Lambda resource policy small
    // however many routes the function grows (the policy is capped at 20 KB).
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const [name, fn] of functions) {
      integrations.set(
        name,
        new HttpLambdaIntegration(`Integration-${name}`, fn, { scopePermissionToRoute: false }),
      );
    }

    const routes = new Map<string, HttpRoute>();
    for (const route of ROUTES.filter(isDeployed)) {
      const integration = integrations.get(route.fn);
      if (!integration) throw new Error(`No function for route ${route.method} ${route.path}`);
      const httpRoute = new HttpRoute(this, `Route ${route.method} ${route.path.replaceAll('/', ' ')}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
        authorizer: route.roles === 'public' ? noAuthorizer : authorizer,
      });
      routes.set(`${route.method} ${route.path}`, httpRoute);
    }
    this.routes = routes;

    // --- Scheduled jobs ----------------------------------------------------------------------------------
    this.jobs = this.addJobs(config, table);

    // --- Web app -------------------------------------------------------------------------------------
    this.site = new Site(this, 'Web', {
      config,
      apiHost: config.domain ? config.domain.apiName : Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint)),
      webAclArn: props.webAclArn,
      webDist: props.webDist,
      signIn: { userPoolId: userPool.userPoolId, userPoolClientId: webClient.userPoolClientId },
      originHeader: { name: ORIGIN_HEADER, value: originSecret.secretValue.unsafeUnwrap() },
    });
    this.distribution = this.site.distribution;
    this.webBucket = this.site.bucket;
    const siteUrl = this.site.url;

    new CfnOutput(this, 'SiteUrl', { description: 'The web app (and the API under /api)', value: siteUrl });
    new CfnOutput(this, 'ApiUrl', {
      description: apiDomain
        ? 'The HTTP API under its own name (the web app uses <SiteUrl>/api; execute-api is off)'
        : 'The HTTP API directly (the web app uses <SiteUrl>/api)',
      value: apiDomain ? `https://${apiDomain.name}/` : this.apiStage.url,
    });
    if (apiDomain) {
      new CfnOutput(this, 'ApiDnsTarget', {
        description: `Point ${apiDomain.name} here (a CNAME, or an alias record in Route 53)`,
        value: apiDomain.regionalDomainName,
      });
    }
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
  }

  /**
   * One function and one EventBridge Scheduler schedule per job. Scheduler rather than an EventBridge
   * rule: its cron is written in the jobs' own time zone, the offices' clock (`cron(5 0 * * ? *)` in
   * Asia/Jakarta, where a rule would need the UTC `cron(5 17 * * ? *)` of the day before; Jakarta has
   * no daylight saving, so both fire at the same instant, but only one reads as "after midnight").
   * Scheduler invokes the function asynchronously, so Lambda retries a failed run twice; the jobs
   * tolerate that (their writes are conditional, a second run changes nothing).
   */
  private addJobs(config: StageConfig, table: Table): Map<string, KawalFunction> {
    const { stage } = config;
    const jobs = new Map<string, KawalFunction>();
    for (const job of JOBS) {
      const fn = new KawalFunction(this, `Job-${job.name}`, {
        ...tracingOf(config.tracing),
        name: job.name,
        kind: 'jobs',
        description: job.description,
        timeout: Duration.seconds(job.timeoutSeconds),
      });
      fn.bindTable(table, tableGrantOf(`jobs/${job.name}`));
      new Schedule(this, `Schedule-${job.name}`, {
        scheduleName: `kawal-${stage}-${job.name}`,
        description: job.description,
        schedule: ScheduleExpression.cron({ ...job.cron, timeZone: TimeZone.of(job.timeZone) }),
        // The invocation itself (not the run) is retried for up to an hour, e.g. when throttled; a
        // run that could not start within the hour waits for the next day's.
        target: new InvokeJob(fn, { maxEventAge: Duration.hours(1), retryAttempts: 10 }),
      });
      new CfnOutput(this, `Job${pascalCase(job.name)}Function`, {
        description: `The ${job.name} job's Lambda (run it by hand with aws lambda invoke)`,
        value: fn.functionName,
      });
      jobs.set(job.name, fn);
    }
    // After every deploy whose content or configuration changed: create the configured offices and
    // the first administrator when missing, publish the default forms, rulesets and case types an
    // installation does not have yet (never overwriting an agency's edits), then bring case heads
    // from before case types up to their type.
    const seed = new KawalFunction(this, `Job-${SEED_JOB}`, {
      ...tracingOf(config.tracing),
      name: SEED_JOB,
      kind: 'jobs',
      description: 'Kawal seed job: configured offices and first administrator, missing default content',
      timeout: Duration.minutes(5),
      contentFolders: ['forms', 'rules'],
      contentFiles: { [SEED_FILE]: JSON.stringify(deploySeedOf(config)) },
    });
    seed.bindTable(table, tableGrantOf(`jobs/${SEED_JOB}`));
    // Inviting the first administrator goes through the same account port as the admin screens.
    seed.addEnvironment('KAWAL_USER_POOL_ID', this.userPool.userPoolId);
    this.userPool.grant(seed, ...SEED_POOL_ACTIONS);
    new Trigger(this, 'SeedContent', {
      handler: seed,
      executeOnHandlerChange: true,
      timeout: Duration.minutes(5),
    });
    jobs.set(SEED_JOB, seed);
    return jobs;
  }
}
