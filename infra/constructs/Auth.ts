import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ThreatProtection } from '../StagePolicy';

/** Props of {@link Auth}. */
export interface AuthProps {
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  readonly domainPrefix: string;
  /** `audit` reports risky sign-ins only (AWS advises it first); `enforced` also blocks or challenges them. Default `audit`. */
  readonly threatProtection?: ThreatProtection;
  /** What happens to the user pool when the stack is deleted. Default RETAIN. */
  readonly removalPolicy?: RemovalPolicy;
  /** Whether the user pool refuses deletion. Default true. */
  readonly deletionProtection?: boolean;
}

/** Cognito's mode for each threat-protection setting. */
const THREAT_PROTECTION_MODES: Readonly<Record<ThreatProtection, StandardThreatProtectionMode>> = {
  audit: StandardThreatProtectionMode.AUDIT_ONLY,
  enforced: StandardThreatProtectionMode.FULL_FUNCTION,
};

/** Identifier of the resource server; scopes read `partnerdesk/<scope>` in tokens. */
export const RESOURCE_SERVER_IDENTIFIER = 'partnerdesk';

/** Scope a machine client needs to post billing events. */
export const BILLING_WRITE_SCOPE_NAME = 'billing.write';

/** What the account directory (`shared/adapters/cognito/`) may do to logins, and nothing more. */
const ACCOUNT_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUserGlobalSignOut',
];

/**
 * Who may call the API: a Cognito user pool for people (managers, partners; e-mail sign-in, the
 * custom attributes `role` and `partnerId` that the API reads from ID tokens), an app client for
 * the web console, and a machine client (client credentials, scope `partnerdesk/billing.write`)
 * for billing ingestion.
 *
 * @example
 * const auth = new Auth(this, 'Auth', { domainPrefix: 'partnerdesk-prod' });
 * fn.addEnvironment('AUTH_ISSUER', auth.issuer);
 */
export class Auth extends Construct {
  /** The user pool holding managers' and partners' logins. */
  public readonly userPool: UserPool;
  /** App client of the web console (SRP/password sign-in, no secret). */
  public readonly webClient: UserPoolClient;
  /** App client of billing ingestion (client credentials, with secret). */
  public readonly machineClient: UserPoolClient;
  /** Resource server `partnerdesk` with scope `billing.write`. */
  public readonly resourceServer: UserPoolResourceServer;
  /** Hosted domain; machine clients get tokens from `<domain>/oauth2/token`. */
  public readonly domain: UserPoolDomain;
  /** Expected `iss` of the pool's tokens. */
  public readonly issuer: string;
  /** Where the pool publishes its signing keys. */
  public readonly jwksUrl: string;
  /** App client ids whose tokens the API accepts. */
  public readonly audiences: readonly string[];

  public constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Logins are created by the API (approved partners) or by an administrator (managers).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      customAttributes: {
        // Mutable so that the API (AdminUpdateUserAttributes) can set them; app clients cannot write them.
        role: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        partnerId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: THREAT_PROTECTION_MODES[props.threatProtection ?? 'audit'],
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by product decision: partners enrol TOTP themselves; threat protection (plus tier, audit first, ' +
        'enforced by the threatProtection setting) watches risky sign-ins and, enforced, adds adaptive authentication.',
    });

    this.webClient = this.userPool.addClient('WebConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The API reads role and partnerId from ID tokens; users must never be able to change them.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('role', 'partnerId'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const billingWrite = new ResourceServerScope({
      scopeName: BILLING_WRITE_SCOPE_NAME,
      scopeDescription: 'Post billing events (debits, deposits, withdrawals) of clients',
    });
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      scopes: [billingWrite],
    });
    this.machineClient = this.userPool.addClient('BillingIngestionClient', {
      generateSecret: true,
      // Only the client-credentials grant: no user may sign in through this client.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [OAuthScope.resourceServer(this.resourceServer, billingWrite)],
      },
      accessTokenValidity: Duration.hours(1),
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.audiences = [this.webClient.userPoolClientId, this.machineClient.userPoolClientId];
  }

  /** Lets a function create, enable, disable and sign out logins (the account directory). */
  public grantAccountDirectory(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...ACCOUNT_DIRECTORY_ACTIONS);
  }
}
