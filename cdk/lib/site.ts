/**
 * The web app's delivery: a private bucket behind CloudFront, the API under `/api/*` on the same
 * origin, the security headers (a strict Content-Security-Policy among them), access logs kept in the
 * region, and optionally the agency's own domain with TLS 1.2 or newer and a web ACL in front.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy } from '../../functions/platform/security-headers';
import type { StageConfig } from './config';

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

/** How long the access logs of the site bucket are kept. */
export const ACCESS_LOG_DAYS = 365;

export interface SiteProps {
  config: StageConfig;
  /** The API's host name as CloudFront reaches it (its own domain, or execute-api's). */
  apiHost: string;
  /** The web ACL (us-east-1) to put in front, when the firewall is on. */
  webAclArn?: string | undefined;
  /** The built web app, or undefined to deploy without it. */
  webDist: string | undefined;
  /** What the deploy writes to /config.json besides the branding (the sign-in settings). */
  signIn: { userPoolId: string; userPoolClientId: string };
  /** The header CloudFront adds to every request it forwards to the API, which the API requires. */
  originHeader: { name: string; value: string };
}

export class Site extends Construct {
  readonly bucket: Bucket;
  /** Where the site bucket's access logs go (kept ACCESS_LOG_DAYS in the region). */
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** How the edge caches the precompiled form validators (the only API responses it caches). */
  readonly validatorCache: CachePolicy;
  /** The address people open. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const { config } = props;
    const region = Stack.of(this).region;

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(ACCESS_LOG_DAYS) }],
      // Evidence of who read the site's files: kept when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      // Only build output lives here; it is recreated by the next deploy.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Kawal: app routes without a file extension serve /index.html',
    });

    // The same policy the local server sends (functions/platform/security-headers.ts), so the browser
    // tests run the web app under the header AWS serves.
    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Kawal ${config.stage}: strict CSP, HSTS, no framing, no sniffing`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(region), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });

    const apiOrigin = new HttpOrigin(props.apiHost, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      // Replaces a header of that name a viewer may send.
      customHeaders: { [props.originHeader.name]: props.originHeader.value },
    });
    this.validatorCache = new CachePolicy(this, 'ValidatorModules', {
      comment: 'Kawal: precompiled form validators, by their whole URL',
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
    });

    const domain = config.domain;
    // The web app and the API share one origin, so the browser needs no CORS and the token never
    // crosses origins.
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Kawal ${config.stage}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(domain
        ? {
            domainNames: [domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            // Only with a certificate of its own can a distribution refuse TLS 1.0 and 1.1.
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Published forms' precompiled validators (and a draft's, by its hash): the same for every
        // caller and immutable, so cached at the edge by their whole URL (language and build in the
        // query) and compressed; a litmas's module is about 290 KB, 31 KB gzipped.
        '/api/forms/*/validator.js': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: this.validatorCache,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
          compress: true,
        },
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Responses are per user (and the handlers send no-store); never cache them.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Forwards Authorization, If-Match, Accept-Language, query strings... but not Host, which
          // must be the API's own domain for API Gateway to accept the request.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
        },
      },
    });
    this.url = `https://${domain ? domain.name : this.distribution.distributionDomainName}`;

    if (props.webDist !== undefined) {
      this.deployWeb(props.webDist, { region, ...props.signIn, agency: config.agency });
    } else {
      new CfnOutput(Stack.of(this), 'WebNotDeployed', {
        description: 'The web app was not built when this stack was synthesized',
        value: 'web/dist missing: run `npm run build:web`, then deploy again',
      });
    }
    if (domain) {
      new CfnOutput(Stack.of(this), 'SiteDnsTarget', {
        description: `Point ${domain.name} here (a CNAME, or an alias record in Route 53)`,
        value: this.distribution.distributionDomainName,
      });
    }
  }

  /**
   * Uploads the built web app in two passes: Vite's content-hashed files under assets/ first, cached
   * for a year and never pruned (a browser still holding the previous index.html can load its
   * assets), then everything else, revalidated on every load, plus /config.json with this stack's
   * sign-in settings and the agency's names, so one build serves every stage and agency.
   */
  private deployWeb(webDist: string, siteConfig: Record<string, unknown>): void {
    // The uploads' own log group (both deployments share one function), so the upload function never
    // writes to a group named after it that an earlier deploy's Lambda created on its own.
    const uploadLogs = new LogGroup(this, 'UploadLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // And its own role, without the managed AWSLambdaBasicExecutionRole: writing that one group, plus
    // what the deployments grant it (read the uploaded assets, write the site bucket, invalidate).
    const uploadRole = new Role(this, 'UploadRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Kawal: uploads the built web app to the site bucket',
    });
    uploadLogs.grantWrite(uploadRole);
    const assetsDir = join(webDist, 'assets');
    const assets = existsSync(assetsDir)
      ? new BucketDeployment(this, 'Assets', {
          destinationBucket: this.bucket,
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
    const pages = new BucketDeployment(this, 'Pages', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(webDist, { exclude: ['assets', 'assets/**'] }),
        Source.jsonData('config.json', siteConfig),
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
