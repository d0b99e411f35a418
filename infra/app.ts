/**
 * CDK entry (`cdk.json`): reads the deployment settings from CDK context (`-c key=value`) with
 * defaults good for a first synth (the console is served at its CloudFront address unless
 * `consoleOrigin` names a custom domain), and checks the result with cdk-nag (AWS Solutions rules).
 * Synthesizes offline: no lookups, region from `CDK_DEFAULT_REGION` or eu-central-1.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type PartnerdeskSettings, PartnerdeskStack } from './PartnerdeskStack';
import { parseStage, parseThreatProtection, stackName } from './StagePolicy';

const app = new App();

/** A context value, or undefined when it is absent or empty. */
function optionalSetting(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A context value, or the default when it is absent or empty. */
function setting(key: string, fallback: string): string {
  return optionalSetting(key) ?? fallback;
}

// The console origin used to be given as publicBaseUrl; a deploy that still passes it must not lose it silently.
if (optionalSetting('publicBaseUrl')) {
  throw new Error('publicBaseUrl is replaced by consoleOrigin (with consoleCertificateArn), or nothing for the console\'s CloudFront address.');
}

/** The cloud's own OIDC provider for console users, when `consoleAuthIssuer` is given; otherwise the stack creates a pool. */
function consoleIdentity(): PartnerdeskSettings['consoleIdentity'] {
  const issuer = setting('consoleAuthIssuer', '');
  if (!issuer) return undefined;
  const audiences = setting('consoleAuthAudiences', '').split(',').map((audience) => audience.trim()).filter(Boolean);
  if (audiences.length === 0) throw new Error('consoleAuthIssuer needs consoleAuthAudiences (the client ids of the console\'s ID tokens)');
  return {
    issuer,
    jwksUrl: setting('consoleAuthJwksUrl', `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`),
    audiences,
    accountClaim: setting('consoleAccountClaim', 'custom:accountId'),
  };
}

const stage = parseStage(setting('stage', 'dev'));

new PartnerdeskStack(app, stackName(stage), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' },
  description: `partnerdesk (${stage}): partner program API (applications, clients, blocking, balances)`,
  settings: {
    stage,
    alarmEmail: optionalSetting('alarmEmail'),
    threatProtection: parseThreatProtection(setting('threatProtection', 'audit')),
    senderEmail: setting('senderEmail', 'partners@partnerdesk.example'),
    consoleOrigin: optionalSetting('consoleOrigin'),
    consoleCertificateArn: optionalSetting('consoleCertificateArn'),
    allowedOrigins: optionalSetting('allowedOrigins'),
    partnerDepartmentEmail: setting('partnerDepartmentEmail', 'partner-department@partnerdesk.example'),
    supportEmail: setting('supportEmail', 'support@partnerdesk.example'),
    cloudName: optionalSetting('cloudName'),
    brandColor: optionalSetting('brandColor'),
    authDomainPrefix: setting('authDomainPrefix', `partnerdesk-${stage}-${process.env.CDK_DEFAULT_ACCOUNT ?? 'local'}`),
    consoleIdentity: consoleIdentity(),
  },
});

// cdk-nag 3 runs as a CDK validation plugin: any finding (error or warning) that is not acknowledged
// with a reason (`Validations.of(construct).acknowledge`) fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
