import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IConstruct } from 'constructs';
import { Console } from '../../infra/constructs/Console';
import { deployedFiles } from './consoleDeployment';
import { logicalId } from './logicalId';
import { builtConsoleFixture, stackEnv } from './stackSettings';
import { PRERENDERED_PAGES } from '../../web/build';

const API_URL = 'https://abc123defg.execute-api.eu-central-1.amazonaws.com';
const STAFF = { domain: 'https://partnerdesk-staff.auth.eu-central-1.amazoncognito.com', clientId: 'staffclient123' };
const CLIENTS = { domain: 'https://partnerdesk-clients.auth.eu-central-1.amazoncognito.com', clientId: 'clientsclient456' };

/** A viewer request as CloudFront Functions pass it (only what the function reads). */
function viewerRequest(uri: string) {
  return { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } };
}

describe('Console', () => {
  let assetDir: string;
  let outdir: string;
  let stack: Stack;
  let site: Console;
  let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

  beforeAll(() => {
    assetDir = builtConsoleFixture();
    fs.mkdirSync(path.join(assetDir, 'en'));
    const page = (title: string) => `<!doctype html>\n<html lang="en">\n<head>\n<title>${title}</title>\n</head>\n<body></body>\n</html>\n`;
    fs.writeFileSync(path.join(assetDir, 'en', 'contact-sales.html'), page('Contact sales'));
    fs.writeFileSync(path.join(assetDir, 'en', 'sign-in.html'), page('Sign in (local stand-in)'));
    fs.writeFileSync(path.join(assetDir, 'en', 'sign-in.cognito.html'), page('Sign in (staff pool)'));
    fs.writeFileSync(path.join(assetDir, 'en', 'sign-in.cognito-console.html'), page('Sign in (both pools)'));
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-console-synth-'));
    stack = new Stack(new App({ outdir }), 'ConsoleTest', { env: stackEnv });
    site = new Console(stack, 'Console', { assetDir, apiUrl: API_URL, signIn: { staff: STAFF, clients: CLIENTS } });
    resources = Template.fromStack(stack).toJSON().Resources;
  });

  afterAll(() => {
    fs.rmSync(assetDir, { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  const logicalIdOf = (construct: IConstruct) => logicalId(construct);

  function resourcesOfType(type: string) {
    return Object.entries(resources).filter(([, resource]) => resource.Type === type);
  }

  function only(type: string): Record<string, any> {
    const found = resourcesOfType(type);
    if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
    return found[0]?.[1].Properties ?? {};
  }

  const distributionConfig = () => only('AWS::CloudFront::Distribution').DistributionConfig;
  const securityHeaders = () => only('AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  /** The CSP header as CloudFormation renders it in the commercial partition (`AWS::URLSuffix` = amazonaws.com). */
  function contentSecurityPolicy(): string {
    const policy = securityHeaders().ContentSecurityPolicy.ContentSecurityPolicy;
    if (typeof policy === 'string') return policy;
    const [separator, parts]: [string, unknown[]] = policy['Fn::Join'];
    return parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part) === '{"Ref":"AWS::URLSuffix"}' ? 'amazonaws.com' : '?')).join(separator);
  }

  describe('bucket', () => {
    it('blocks every kind of public access, encrypts at rest and refuses requests without TLS', () => {
      const bucket = resources[logicalIdOf(site.bucket)]?.Properties ?? {};
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(bucket.WebsiteConfiguration).toBeUndefined();
      const statements: any[] = only('AWS::S3::BucketPolicy').PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('lets only this distribution read it, through Origin Access Control', () => {
      const allows = (only('AWS::S3::BucketPolicy').PolicyDocument.Statement as any[]).filter((s) => s.Effect === 'Allow');
      expect(allows.length).toBeGreaterThan(0);
      for (const statement of allows) {
        expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
        expect(JSON.stringify(statement.Condition.StringEquals['AWS:SourceArn'])).toContain(logicalIdOf(site.distribution));
        expect([statement.Action].flat().every((action: string) => ['s3:GetObject', 's3:ListBucket'].includes(action))).toBe(true);
      }
      const oac = only('AWS::CloudFront::OriginAccessControl').OriginAccessControlConfig;
      expect(oac).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
      const [origin] = distributionConfig().Origins;
      expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [resourcesOfType('AWS::CloudFront::OriginAccessControl')[0]?.[0], 'Id'] });
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    });
  });

  describe('distribution', () => {
    it('serves over HTTPS only (HTTP redirects), index.html at the root, GET and HEAD only', () => {
      const config = distributionConfig();
      expect(config.DefaultRootObject).toBe('index.html');
      expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
      expect(config.Aliases).toBeUndefined();
    });

    it('sends the screens of the console to index.html through a viewer-request function', () => {
      const [association] = distributionConfig().DefaultCacheBehavior.FunctionAssociations;
      expect(association.EventType).toBe('viewer-request');
      const [functionId] = resourcesOfType('AWS::CloudFront::Function').map(([id]) => id);
      expect(association.FunctionARN).toEqual({ 'Fn::GetAtt': [functionId, 'FunctionARN'] });
      expect(only('AWS::CloudFront::Function').FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    });

    it('answers with the security headers: strict CSP, HSTS, nosniff, no referrer, no framing', () => {
      const headers = securityHeaders();
      expect(headers.ContentSecurityPolicy.Override).toBe(true);
      expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 730 * 86400, IncludeSubdomains: true, Override: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      const directives = contentSecurityPolicy().split('; ');
      expect(directives).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "frame-ancestors 'none'",
          "object-src 'none'",
        ]),
      );
      expect(contentSecurityPolicy()).not.toContain('unsafe-');
    });

    it('lets the page connect only to itself, API Gateway of its region and the sign-in domains', () => {
      const connect = contentSecurityPolicy().split('; ').find((directive) => directive.startsWith('connect-src '));
      expect(connect?.split(' ').slice(1).sort()).toEqual(
        ["'self'", 'https://*.execute-api.eu-central-1.amazonaws.com', STAFF.domain, CLIENTS.domain].sort(),
      );
    });

    it('exposes the console origin as the distribution domain name', () => {
      expect(stack.resolve(site.origin)).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(site.distribution), 'DomainName'] }]],
      });
    });
  });

  describe('viewer-request function', () => {
    const code = fs.readFileSync(path.resolve(__dirname, '../../infra/cloudfront/consoleViewerRequest.js'), 'utf8');
    const handler: (event: ReturnType<typeof viewerRequest>) => { uri: string } = vm.runInNewContext(`${code}\nhandler;`);

    it('is the code the distribution runs', () => {
      expect(only('AWS::CloudFront::Function').FunctionCode).toBe(code);
    });

    it.each(['/', '/clients', '/clients/', '/clients/c-42/balance', '/invitations/Q2xvdWQtYWNjb3VudC10b2tlbi0wMTIzNDU2Nzg5YWJj', '/auth/callback', '/assets/'])(
      'serves index.html for the screen %s',
      (uri) => {
        expect(handler(viewerRequest(uri)).uri).toBe('/index.html');
      },
    );

    it.each(PRERENDERED_PAGES.flatMap((page) => [page, `${page}/`]))('serves the prerendered page its own HTML for %s', (uri) => {
      expect(handler(viewerRequest(uri)).uri).toBe(`${uri.replace(/\/$/, '')}.html`);
    });

    it.each(['/en/contact-sales/more', '/de/contact-sales', '/en/clients', '/contact-sales'])('serves index.html for %s, which is not prerendered', (uri) => {
      expect(handler(viewerRequest(uri)).uri).toBe('/index.html');
    });

    it.each(['/config.json', '/assets/main.js', '/assets/main-3F2A.css', '/favicon.svg', '/assets/missing.js'])('passes the file %s through as it is', (uri) => {
      expect(handler(viewerRequest(uri)).uri).toBe(uri);
    });
  });

  describe('deployment', () => {
    function files() {
      return deployedFiles(resources, outdir);
    }

    it('copies the built console and writes config.json with the API URL and every sign-in', () => {
      const deployed = files();
      expect(deployed.get('assets/main.js')).toBe(fs.readFileSync(path.join(assetDir, 'assets', 'main.js'), 'utf8'));
      expect(JSON.parse(deployed.get('config.json') ?? 'null')).toEqual({
        apiUrl: API_URL,
        auth: { mode: 'cognito', staff: STAFF, clients: CLIENTS },
      });
    });

    it("narrows connect-src in index.html to the API's exact origin before anything else in <head>", () => {
      const html = files().get('index.html') ?? '';
      expect(html).toContain(
        `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self' ${API_URL} ${STAFF.domain} ${CLIENTS.domain}">\n<meta charset="utf-8">`,
      );
      expect(html).toContain('<script type="module" src="/assets/main.js"></script>');
    });

    it('narrows connect-src in every prerendered page as in index.html', () => {
      expect(files().get('en/contact-sales.html')).toContain(
        `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self' ${API_URL} ${STAFF.domain} ${CLIENTS.domain}">\n<title>Contact sales</title>`,
      );
    });

    it("deploys the sign-in page written for its way of signing in (Cognito's staff pool) at the page's path, and no other", () => {
      const deployed = files();
      expect(deployed.get('en/sign-in.html')).toContain('<title>Sign in (staff pool)</title>');
      expect([...deployed.keys()].filter((file) => file.startsWith('en/')).sort()).toEqual(['en/contact-sales.html', 'en/sign-in.html']);
    });

    it('deploys into the console bucket with no-cache, so a new build is live without an invalidation', () => {
      const deployment = only('Custom::CDKBucketDeployment');
      expect(deployment.DestinationBucketName).toEqual({ Ref: logicalIdOf(site.bucket) });
      expect(deployment.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
      expect(deployment.DistributionId).toBeUndefined();
    });

    it('runs the deployment with its own role and log group, without an AWS managed policy', () => {
      const roles = resourcesOfType('AWS::IAM::Role').map(([, role]) => role.Properties);
      expect(roles.flatMap((role) => role.ManagedPolicyArns ?? [])).toEqual([]);
    });
  });

  describe('settings', () => {
    it('uses a custom domain with its certificate and TLS 1.2 at least', () => {
      const custom = new Stack(new App(), 'CustomDomain', { env: stackEnv });
      const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
      const customSite = new Console(custom, 'Console', {
        assetDir,
        apiUrl: API_URL,
        signIn: { staff: STAFF },
        customDomain: { domainName: 'partners.example.com', certificate: Certificate.fromCertificateArn(custom, 'Certificate', certificateArn) },
      });
      expect(customSite.origin).toBe('https://partners.example.com');
      const [distribution] = Object.values(Template.fromStack(custom).findResources('AWS::CloudFront::Distribution'));
      const config = distribution?.Properties.DistributionConfig;
      expect(config.Aliases).toEqual(['partners.example.com']);
      expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    });

    it('stops the synth with what to do when the console has not been built', () => {
      const missing = path.join(outdir, 'no-such-dist');
      expect(() => new Console(new Stack(new App(), 'Unbuilt', { env: stackEnv }), 'Console', { assetDir: missing, apiUrl: API_URL, signIn: { staff: STAFF } })).toThrow(
        `The web console is not built: ${path.join(missing, 'index.html')} does not exist. Run \`npm run build:web\` first.`,
      );
    });

    it('stops the synth when index.html has no <head> for the policy', () => {
      const headless = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-console-headless-'));
      try {
        fs.writeFileSync(path.join(headless, 'index.html'), '<!doctype html><body></body>');
        expect(() => new Console(new Stack(new App(), 'Headless', { env: stackEnv }), 'Console', { assetDir: headless, apiUrl: API_URL, signIn: { staff: STAFF } })).toThrow(
          'has no <head>',
        );
      } finally {
        fs.rmSync(headless, { recursive: true, force: true });
      }
    });
  });
});
