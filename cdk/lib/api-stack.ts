/**
 * The stateless stack: sign-in (Cognito), the HTTP API and its Lambda handlers, the scheduled jobs
 * (EventBridge Scheduler → Lambda) and the web app (S3 + CloudFront). Functions and routes are
 * generated from the one route table (functions/api/routes.ts), so AWS serves exactly the routes the
 * local server serves; jobs from the one job table (./jobs.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { deployedFunctions, ROUTES } from '../../functions/api/routes';
import { ROLES } from '../../functions/platform/claims';
import type { RouteSpec } from '../../functions/platform/http';
import { JOBS } from './jobs';
import { KawalFunction } from './kawal-function';
import { checkTableGrants, tableGrantOf } from './table-grants';

export interface ApiStackProps extends StackProps {
  stage: string;
  /** The table from the Data stack (a cross-stack reference: exports/imports). */
  table: Table;
  /**
   * The built web app (web/dist) to upload, or undefined to deploy the stack without it (the site
   * then serves nothing until the web is built and the stack deployed again).
   */
  webDist: string | undefined;
}

/** Throttling for the whole API: generous for one agency's staff, low enough to cap a runaway client. */
const THROTTLE = { burstLimit: 100, rateLimit: 50 };

/**
 * SPA routing for the web app only. CloudFront's custom error responses (403/404 → /index.html) would
 * apply to the whole distribution and turn the API's own 403/404 JSON errors into a 200 HTML page, so
 * the fallback is a viewer-request function on the default (S3) behavior: a path without a file
 * extension is an app route and gets /index.html; /api/* never reaches it.
 */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) request.uri = '/index.html';
  return request;
}`;

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

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stage, table } = props;

    // --- Sign-in ---------------------------------------------------------------------------------
    // Accounts are created by administrators (no self sign-up); users sign in with their email.
    // The pool holds the accounts, so it is retained and protected even though this stack is
    // otherwise disposable; a change that replaces it (e.g. sign-in aliases) orphans every account.
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `kawal-${stage}`,
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // The office a worker or supervisor belongs to: the token's `custom:office` claim, which
      // functions/platform/claims.ts reads to scope caseloads (principle 7).
      customAttributes: { office: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Indonesian first (principle 8): the invitation admin-create-user sends and the reset code.
      userInvitation: {
        emailSubject: 'Akun Kawal Anda',
        emailBody:
          'Akun Kawal Anda telah dibuat. Nama pengguna: {username}. Kata sandi sementara: {####} ' +
          '(berlaku 3 hari; Anda akan diminta menggantinya saat pertama masuk).',
      },
      userVerification: {
        emailSubject: 'Kode verifikasi Kawal',
        emailBody: 'Kode verifikasi Kawal Anda: {####}',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The groups are the roles of the route table (cognito:groups → User.roles); declared once.
    ROLES.forEach((role, precedence) => {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Kawal role ${role}`,
        precedence,
      });
    });

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `kawal-${stage}-web`,
      // A browser cannot keep a secret; SRP never sends the password.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: the web app has its own sign-in form.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The web app sends the ID token and renews it with the refresh token a few minutes before it
      // expires, so a session lasts a working day without signing in again; after that, or once the
      // user signs out (which revokes the refresh token), the next request needs the password.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Time to choose a new password at the first sign-in (NEW_PASSWORD_REQUIRED) before starting over.
      authSessionValidity: Duration.minutes(10),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('office'),
      // Users may fix their display name, never their office: the office decides which cases a
      // token can see, so only administrators (admin-update-user-attributes) may change it.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // --- HTTP API --------------------------------------------------------------------------------
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `kawal-${stage}`,
      description: `Kawal ${stage} API`,
      // The default stage is added below, with throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.apiStage = this.httpApi.addStage('DefaultStage', {
      // $default: no stage prefix, so the paths CloudFront forwards (/api/...) match the route keys.
      stageName: '$default',
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
    const functions = new Map<string, KawalFunction>();
    for (const name of deployedFunctions()) {
      const fn = new KawalFunction(this, `Fn-${name}`, { name });
      fn.bindTable(table, tableGrantOf(`api/${name}`));
      fn.addEnvironment('KAWAL_CURSOR_SECRET', cursorSecret.secretValue.unsafeUnwrap());
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
    this.jobs = this.addJobs(stage, table);

    // --- Web app -------------------------------------------------------------------------------------
    const bucket = new Bucket(this, 'WebBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only build output lives here; it is recreated by the next deploy.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.webBucket = bucket;

    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Kawal: app routes without a file extension serve /index.html',
    });

    // The web app and the API share one origin, so the browser needs no CORS and the token never
    // crosses origins.
    const apiDomain = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
    this.distribution = new Distribution(this, 'Site', {
      comment: `Kawal ${stage}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Responses are per user (and the handlers send no-store); never cache them.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Forwards Authorization, If-Match, Accept-Language, query strings... but not Host, which
          // must be the API's own domain for API Gateway to accept the request.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });

    const siteUrl = `https://${this.distribution.distributionDomainName}`;

    if (props.webDist !== undefined) {
      this.deployWeb(bucket, props.webDist);
    } else {
      new CfnOutput(this, 'WebNotDeployed', {
        description: 'The web app was not built when this stack was synthesized',
        value: 'web/dist missing: run `npm run build:web`, then deploy again',
      });
    }

    new CfnOutput(this, 'SiteUrl', { description: 'The web app (and the API under /api)', value: siteUrl });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The HTTP API directly (the web app uses <SiteUrl>/api)',
      value: this.apiStage.url,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
  }

  /**
   * One function and one EventBridge Scheduler schedule per job. Scheduler rather than an EventBridge
   * rule: its cron is written in the jobs' own time zone, the offices' clock (`cron(5 0 * * ? *)` in
   * Asia/Jakarta, where a rule would need the UTC `cron(5 17 * * ? *)` of the day before; Jakarta has
   * no daylight saving, so both fire at the same instant, but only one reads as "after midnight").
   * Scheduler invokes the function asynchronously, so Lambda retries a failed run twice; the jobs
   * tolerate that (their writes are conditional, a second run changes nothing).
   */
  private addJobs(stage: string, table: Table): Map<string, KawalFunction> {
    const jobs = new Map<string, KawalFunction>();
    for (const job of JOBS) {
      const fn = new KawalFunction(this, `Job-${job.name}`, {
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
    // After every deploy whose content changed: publish the default forms, rulesets and case types an
    // installation does not have yet (never overwriting an agency's edits), then bring case heads
    // from before case types up to their type.
    const seed = new KawalFunction(this, `Job-${SEED_JOB}`, {
      name: SEED_JOB,
      kind: 'jobs',
      description: 'Kawal seed job: publishes missing default content and migrates older case heads',
      timeout: Duration.minutes(5),
      contentFolders: ['forms', 'rules'],
    });
    seed.bindTable(table, tableGrantOf(`jobs/${SEED_JOB}`));
    new Trigger(this, 'SeedContent', {
      handler: seed,
      executeOnHandlerChange: true,
      timeout: Duration.minutes(5),
    });
    jobs.set(SEED_JOB, seed);
    return jobs;
  }

  /**
   * Uploads the built web app in two passes: Vite's content-hashed files under assets/ first, cached
   * for a year and never pruned (a browser still holding the previous index.html can load its
   * assets), then everything else, revalidated on every load, plus /config.json with this stack's
   * sign-in settings so one build serves every stage.
   */
  private deployWeb(bucket: Bucket, webDist: string): void {
    // The uploads' own log group (both deployments share one function), so the upload function never
    // writes to a group named after it that an earlier deploy's Lambda created on its own.
    const uploadLogs = new LogGroup(this, 'WebUploadLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // And its own role, without the managed AWSLambdaBasicExecutionRole: writing that one group, plus
    // what the deployments grant it (read the uploaded assets, write the site bucket, invalidate).
    const uploadRole = new Role(this, 'WebUploadRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Kawal: uploads the built web app to the site bucket',
    });
    uploadLogs.grantWrite(uploadRole);
    const assetsDir = join(webDist, 'assets');
    const assets = existsSync(assetsDir)
      ? new BucketDeployment(this, 'WebAssets', {
          destinationBucket: bucket,
          destinationKeyPrefix: 'assets/',
          sources: [Source.asset(assetsDir)],
          prune: false,
          cacheControl: [
            CacheControl.setPublic(),
            CacheControl.maxAge(Duration.days(365)),
            CacheControl.immutable(),
          ],
          memoryLimit: 512,
          logGroup: uploadLogs,
          role: uploadRole,
        })
      : undefined;
    const pages = new BucketDeployment(this, 'WebPages', {
      destinationBucket: bucket,
      sources: [
        Source.asset(webDist, { exclude: ['assets', 'assets/**'] }),
        Source.jsonData('config.json', {
          region: this.region,
          userPoolId: this.userPool.userPoolId,
          userPoolClientId: this.webClient.userPoolClientId,
        }),
      ],
      // Pruning removes stale pages but must leave assets/ (owned by the deployment above) alone.
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: uploadLogs,
      role: uploadRole,
    });
    if (assets) pages.node.addDependency(assets);
  }
}
