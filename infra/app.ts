/**
 * CDK entry (`cdk.json`): reads the deployment settings from CDK context (`-c key=value`) with
 * defaults good for a first synth (the console is served at its CloudFront address unless
 * `consoleOrigin` names a custom domain), and checks the result with cdk-nag (AWS Solutions rules).
 * Synthesizes offline: no lookups, region from `CDK_DEFAULT_REGION` or eu-central-1.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EDGE_REGION, edgeStackName, PartnerdeskEdgeStack } from './PartnerdeskEdgeStack';
import { mailStackName, PartnerdeskMailStack } from './PartnerdeskMailStack';
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
    emailClaim: setting('consoleEmailClaim', 'email'),
    emailVerifiedClaim: setting('consoleEmailVerifiedClaim', 'email_verified'),
  };
}

/** A context value every stage must set itself: without it the synth stops and says what to pass. */
function requiredSetting(key: string, what: string): string {
  const value = optionalSetting(key);
  if (!value) throw new Error(`${key} is required for stage "${stage}": ${what}. Pass it with -c ${key}=… (docs/deploy.md).`);
  return value;
}

/** A positive whole number from the context, or the default. */
function countSetting(key: string): number | undefined {
  const value = optionalSetting(key);
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`${key} must be a positive whole number; got "${value}"`);
  return count;
}

const stage = parseStage(setting('stage', 'dev'));
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' };
const mainStackName = stackName(stage);
// Each stage sends from an address of its own: two stages sharing one SES identity would both try to create it.
const senderEmail = requiredSetting('senderEmail', 'the address this stage mails from, verified in SES by the mail stack (one per stage)');

const mailStack = new PartnerdeskMailStack(app, mailStackName(mainStackName), {
  env,
  description: `partnerdesk (${stage}): SES sender identity and configuration set, deployed and verified before the main stack`,
  stage,
  senderEmail,
  mainStackName,
});

const mainStack = new PartnerdeskStack(app, mainStackName, {
  env,
  // `npm run build:web` writes web/dist; a synth-only check (test/infra/app.test.ts) may point at another built console.
  consoleAssetDir: optionalSetting('consoleAssetDir'),
  description: `partnerdesk (${stage}): partner program API (applications, clients, blocking, balances)`,
  settings: {
    stage,
    alarmEmail: optionalSetting('alarmEmail'),
    threatProtection: parseThreatProtection(setting('threatProtection', 'audit')),
    senderEmail,
    sesDailySendingQuota: countSetting('sesDailySendingQuota'),
    consoleOrigin: optionalSetting('consoleOrigin'),
    consoleCertificateArn: optionalSetting('consoleCertificateArn'),
    allowedOrigins: optionalSetting('allowedOrigins'),
    partnerDepartmentEmail: setting('partnerDepartmentEmail', 'partner-department@partnerdesk.example'),
    supportEmail: setting('supportEmail', 'support@partnerdesk.example'),
    authDomainPrefix: setting('authDomainPrefix', `partnerdesk-${stage}-${process.env.CDK_DEFAULT_ACCOUNT ?? 'local'}`),
    consoleIdentity: consoleIdentity(),
  },
});
// `cdk deploy --all` deploys the mail stack first; its identity must still be verified before the pools can use it.
mainStack.addDependency(mailStack, 'Cognito sends through the SES identity of the mail stack');

// The console's 5xx alarm lives in us-east-1 with CloudFront's metrics; it names the distribution the main stack created.
const consoleDistributionId = optionalSetting('consoleDistributionId');
if (consoleDistributionId) {
  new PartnerdeskEdgeStack(app, edgeStackName(mainStackName), {
    env: { account: env.account, region: EDGE_REGION },
    description: `partnerdesk (${stage}): the console distribution's alarms, where CloudFront's metrics are`,
    stage,
    distributionId: consoleDistributionId,
    namePrefix: mainStackName,
    alarmEmail: optionalSetting('alarmEmail'),
  });
}

// cdk-nag 3 runs as a CDK validation plugin: any finding (error or warning) that is not acknowledged
// with a reason (`Validations.of(construct).acknowledge`) fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
