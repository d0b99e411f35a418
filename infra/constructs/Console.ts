import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SingletonFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, CfnBucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { SIGN_IN_WAYS, signInWay } from '../../web/build';

/** The viewer-request function that serves `/index.html` for the console's screens (see the file). */
const VIEWER_REQUEST_FUNCTION = path.resolve(__dirname, '..', 'cloudfront', 'consoleViewerRequest.js');

/** Context key of the CDK bootstrap qualifier (`cdk bootstrap --qualifier`). */
const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/** One user pool the console signs people in with: an entry of `config.json` `auth`. */
export interface ConsoleSignIn {
  /**
   * Origin of the pool's managed login, `https://<prefix>.auth.<region>.amazoncognito.com`; built from
   * the prefix, not from the domain resource, when the pool names the console origin (callbacks).
   */
  readonly domain: string;
  /** The pool's app client for the console (public client, authorization code with PKCE). */
  readonly clientId: string;
}

/** The console's own host name instead of the distribution's `*.cloudfront.net` one. */
export interface ConsoleDomain {
  /** Host name, e.g. `partners.example.com`; its DNS record points at the distribution. */
  readonly domainName: string;
  /** ACM certificate covering the host name, in us-east-1 (CloudFront's region). */
  readonly certificate: ICertificate;
}

/** Props of {@link Console}. */
export interface ConsoleProps {
  /** Folder of the built console (`index.html`, JS, CSS); it must exist at synth. */
  readonly assetDir: string;
  /** Origin of the API the console calls (`config.json` `apiUrl`), without a trailing slash. */
  readonly apiUrl: string;
  /** The user pools the console signs people in with, by who signs in (`staff`, …): `config.json` `auth`. */
  readonly signIn: Readonly<Record<string, ConsoleSignIn>>;
  /** The console's own domain; default the distribution's `https://<id>.cloudfront.net`. */
  readonly customDomain?: ConsoleDomain;
  /** Whether the bucket empties itself when the stack is destroyed (a throw-away stage); default false. */
  readonly autoDeleteObjects?: boolean;
}

/**
 * The web console in AWS: a private S3 bucket read by CloudFront through Origin Access Control,
 * HTTPS only, every screen path served `index.html` by a viewer-request function, security
 * headers with a strict CSP, and the built console deployed with a `config.json` (API URL and
 * sign-in settings) written at deploy time.
 *
 * The CSP header allows `connect-src` to API Gateway's regional host pattern only, because the
 * API's CORS configuration names the console origin and CloudFormation cannot have the
 * distribution refer back to the API (a dependency cycle); the deployed `index.html` carries a
 * second policy in a `<meta>` tag that narrows `connect-src` to the API's exact origin (a browser
 * enforces both). The sign-in origins are in the header as given.
 *
 * @example
 * const site = new Console(this, 'Console', { assetDir: 'web/dist', apiUrl: api.httpApi.apiEndpoint, signIn: { staff } });
 * new CfnOutput(this, 'ConsoleUrl', { value: site.origin });
 */
export class Console extends Construct {
  /** The private bucket holding the console's files. */
  public readonly bucket: Bucket;
  /** The CloudFront distribution serving the console. */
  public readonly distribution: Distribution;
  /** Where people open the console: `https://<custom domain>` or `https://<id>.cloudfront.net`. */
  public readonly origin: string;

  public constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const pages = readHtmlPages(props.assetDir, signInWay({ mode: 'cognito', ...props.signIn }));
    const authDomains = Object.values(props.signIn).map((signIn) => signIn.domain);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFormation cannot delete a bucket that holds objects: a destroyable stage empties it first.
      autoDeleteObjects: props.autoDeleteObjects ?? false,
      ...(props.autoDeleteObjects ? { removalPolicy: RemovalPolicy.DESTROY } : {}),
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the built console and is read by nobody but CloudFront (OAC) and written only by ' +
        'the deployment; its content is reproducible from the repository, so object-level access logs add nothing.',
    });

    const { region, urlSuffix, stackName } = Stack.of(this);
    // CloudFront names are global to the account: each carries the stack's region, so that a stage can live in two regions.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${stackName}-${region}-console-security-headers`,
      comment: 'partnerdesk console: CSP, HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(`https://*.execute-api.${region}.${urlSuffix}`, authDomains),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        // Invitation links carry their token in the path: no page of the console sends it on as a referrer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });

    const viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
      comment: 'partnerdesk console: screen paths are served /index.html',
      code: FunctionCode.fromFile({ filePath: VIEWER_REQUEST_FUNCTION }),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'partnerdesk web console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      domainNames: props.customDomain && [props.customDomain.domainName],
      certificate: props.customDomain?.certificate,
      minimumProtocolVersion: props.customDomain && SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        // LIST lets S3 answer 404 (not 403) for a file that does not exist.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
          originAccessControl: new S3OriginAccessControl(this, 'OriginAccessControl', {
            originAccessControlName: `${stackName}-${region}-console`,
            signing: Signing.SIGV4_ALWAYS,
          }),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'No request reaches the bucket listing: the root object is index.html and the viewer-request function serves ' +
        'index.html for every path ending in a slash; query strings are not forwarded to S3.',
    );
    this.acknowledgeDistributionFindings(props.customDomain !== undefined);
    this.origin = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    this.deploy(props, pages, authDomains);
  }

  /** Copies the console into the bucket, with the exact-origin CSP in every HTML page and config.json from deploy-time values. */
  private deploy(props: ConsoleProps, pages: ReadonlyMap<string, string>, authDomains: readonly string[]): void {
    const logs = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.THREE_MONTHS });
    // An own role instead of AWSLambdaBasicExecutionRole: writing to its own log group only.
    const role = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logs.grantWrite(role);
    const config = { apiUrl: props.apiUrl, auth: { mode: 'cognito', ...props.signIn } };
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [
        // index.html and the prerendered pages (`en/contact-sales.html`, web/build.ts) each carry the policy.
        Source.asset(props.assetDir, { exclude: ['*.html', 'config.json'] }),
        ...[...pages].map(([file, html]) => Source.data(file, withConnectPolicy(html, [props.apiUrl, ...authDomains]))),
        Source.jsonData('config.json', config),
      ],
      // Browsers and CloudFront revalidate every file (ETag, 304): a deploy is live at once, with no invalidation.
      cacheControl: [CacheControl.noCache()],
      role,
      logGroup: logs,
    });
    this.acknowledgeDeploymentFindings(deployment, role);
  }

  /** cdk-nag findings of BucketDeployment's role and provider function, which aws-cdk-lib shapes. */
  private acknowledgeDeploymentFindings(deployment: BucketDeployment, role: Role): void {
    const stack = Stack.of(this);
    const cfnBucket = this.bucket.node.defaultChild;
    if (!(cfnBucket instanceof CfnBucket)) throw new Error('The console bucket has no CloudFormation resource');
    const bucketId = stack.getLogicalId(cfnBucket);
    Validations.of(role).acknowledge(
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: 'BucketDeployment reads the console build from the CDK asset bucket and syncs the console bucket (aws s3 sync).',
      })),
      ...['s3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: 'BucketDeployment prunes files of an earlier console build and aborts its own uploads, in the console bucket only.',
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: 'Every object of the console bucket is a file of the console, which the deployment replaces as a whole.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${cdkAssetBucketName(stack)}/*]`,
        reason: 'The console build is a zip among the CDK assets; the read covers that bootstrap bucket only.',
      },
    );
    const provider = deployment.node.findChild('CustomResourceHandler');
    if (provider instanceof SingletonFunction) {
      Validations.of(stack.node.findChild(provider.constructName)).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment provider function and its runtime are shipped and upgraded by aws-cdk-lib.',
      });
    }
  }

  /** cdk-nag findings of the distribution that are decisions, each with its reason. */
  private acknowledgeDistributionFindings(hasCustomDomain: boolean): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Partners and their clients may work from any country; the API, not the static console, decides access.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves only static files of the console (no API behind it); the API has its own ' +
          'throttling and per-caller limits, so a WAF here would protect nothing that can be abused.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront access logs would store invitation tokens (the path /invitations/<token> of the mail link); ' +
          'requests that matter are logged by the API access log, which records route keys only.',
      },
    );
    if (!hasCustomDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose security ' +
          'policy CloudFront fixes; with consoleOrigin and its certificate the minimum is TLS 1.2 (2021).',
      });
    }
  }
}

/** The CDK bootstrap asset bucket as cdk-nag prints it (account and region as `<AWS::…>` when not literal). */
function cdkAssetBucketName(stack: Stack): string {
  const qualifier: unknown = stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT);
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `cdk-${typeof qualifier === 'string' ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}`;
}

/** Stops the synth with what to do when the console in `assetDir` has not been built. */
export function assertConsoleBuilt(assetDir: string): void {
  const file = path.join(assetDir, 'index.html');
  if (!fs.existsSync(file)) {
    throw new Error(`The web console is not built: ${file} does not exist. Run \`npm run build:web\` first.`);
  }
}

/**
 * The built console's HTML pages by path (`index.html`, and the prerendered ones such as `en/contact-sales.html`);
 * a page written for the way people sign in here (`en/sign-in.cognito.html`, web/build.ts) takes its page's path.
 */
function readHtmlPages(assetDir: string, way: string | undefined): Map<string, string> {
  assertConsoleBuilt(assetDir);
  const files = fs.readdirSync(assetDir, { recursive: true, encoding: 'utf8' }).map((file) => file.split(path.sep).join('/'));
  const ways = new RegExp(`\\.(${Object.keys(SIGN_IN_WAYS).join('|')})\\.html$`);
  const pages = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.html') && !ways.test(name)).sort()) {
    const forWay = way && file.replace(/\.html$/, `.${way}.html`);
    pages.set(file, fs.readFileSync(path.join(assetDir, forWay && files.includes(forWay) ? forWay : file), 'utf8'));
  }
  return pages;
}

/** The CSP of every console response; `connect-src` names the API's host pattern and the sign-in domains. */
function contentSecurityPolicy(apiOrigins: string, authDomains: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${[apiOrigins, ...authDomains].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `index.html` with a first `<meta>` policy that allows `connect-src` to exactly these origins. */
function withConnectPolicy(indexHtml: string, origins: readonly string[]): string {
  const head = /<head(\s[^>]*)?>/i.exec(indexHtml);
  if (!head) throw new Error('The console index.html has no <head> to carry its Content-Security-Policy meta tag.');
  const meta = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self' ${origins.join(' ')}">`;
  const end = head.index + head[0].length;
  return `${indexHtml.slice(0, end)}${meta}${indexHtml.slice(end)}`;
}
