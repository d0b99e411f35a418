import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  ClientAttributes,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PASSWORD_POLICY, peoplePoolProps, type PoolMail, type UserPoolPolicy } from '../StagePolicy';

/** Props of {@link Auth}. */
export interface AuthProps extends UserPoolPolicy {
  /** The SES identity and configuration set the pool's own mail (invitations, codes) goes through. */
  readonly mail: PoolMail;
  /** Whether everyone (managers and partners) must sign in with TOTP; Cognito has no per-group MFA. */
  readonly mfaRequired?: boolean;
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  readonly domainPrefix: string;
  /** Origin of the web console (`https://…`): the web client's sign-in callback and sign-out URLs. */
  readonly consoleOrigin: string;
}

/** Identifier of the resource server; scopes read `partnerdesk/<scope>` in tokens. */
export const RESOURCE_SERVER_IDENTIFIER = 'partnerdesk';

/** Scope a machine client needs to post billing events. */
export const BILLING_WRITE_SCOPE_NAME = 'billing.write';

/** What the account directory (`shared/adapters/cognito/`) calls to find and create partners' logins, and nothing more (it never updates one). */
const ACCOUNT_DIRECTORY_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'];

/** What removing a team member's login takes (and nothing that creates one). */
const LOGIN_REMOVAL_ACTIONS = ['cognito-idp:AdminDeleteUser'];
/** What closing a partner's login takes (an ended partnership): disable it, sign it out everywhere. */
const LOGIN_CLOSING_ACTIONS = ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'];

/**
 * What reopening an ended partner's closed login for the partner a manager admitted again with the
 * explicit override takes (`reopenPartnerLogin`): point it at the new partner, enable it. The approve route only.
 */
const LOGIN_REOPENING_ACTIONS = ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminEnableUser'];

/**
 * Who may call the API: a Cognito user pool for people (managers, partners; e-mail sign-in, the
 * custom attributes `role` and `partnerId` that the API reads from ID tokens), an app client for
 * the web console, and a machine client (client credentials, scope `partnerdesk/billing.write`)
 * for billing ingestion.
 *
 * @example
 * const auth = new Auth(this, 'Auth', { domainPrefix: 'partnerdesk-prod', consoleOrigin: 'https://partners.example.com' });
 * fn.addEnvironment('AUTH_ISSUER', auth.issuer);
 */
export class Auth extends Construct {
  /** The user pool holding managers' and partners' logins. */
  public readonly userPool: UserPool;
  /** App client of the web console (managed login with code + PKCE, SRP sign-in, no secret). */
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
  /** App client ids accepted as `aud` of people's ID tokens (the web console). */
  public readonly audiences: readonly string[];
  /** App client ids accepted as `client_id` of machine clients' access tokens. */
  public readonly machineClients: readonly string[];

  public constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      ...peoplePoolProps(props, { kind: 'staff', mfaRequired: props.mfaRequired }, props.mail),
      // Logins are created by the API (approved partners) or by an administrator (managers).
      selfSignUpEnabled: false,
      customAttributes: {
        // Mutable (an existing pool's custom attributes cannot change), but the API only sets them at creation; app clients cannot write them.
        role: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        partnerId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: { ...PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
    });
    if (!props.mfaRequired) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'A dev stage only: prod requires TOTP of every manager and partner (Cognito has no per-group MFA); in dev ' +
          'MFA is optional so that test logins can be created and used without an authenticator.',
      });
    }

    this.webClient = this.userPool.addClient('WebConsoleClient', {
      // A public client: the console signs in through the managed login with the authorization code and PKCE.
      generateSecret: false,
      // SRP only: the password never leaves the browser (no ALLOW_USER_PASSWORD_AUTH).
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.consoleOrigin}/auth/callback`],
        logoutUrls: [`${props.consoleOrigin}/`],
      },
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
      // No user ever signs in through it: it may read or write no attribute (the default would be all, custom:role included).
      readAttributes: new ClientAttributes(),
      writeAttributes: new ClientAttributes(),
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.audiences = [this.webClient.userPoolClientId];
    this.machineClients = [this.machineClient.userPoolClientId];
  }

  /** Lets a function create partners' logins (the account directory). */
  public grantAccountDirectory(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...ACCOUNT_DIRECTORY_ACTIONS);
  }

  /** Lets a function delete partners' logins (a member removed from its team). */
  public grantLoginRemoval(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...LOGIN_REMOVAL_ACTIONS);
  }

  /** Lets a function close partners' logins (an ended partnership), and nothing else of the directory. */
  public grantLoginClosing(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...LOGIN_CLOSING_ACTIONS);
  }

  /** Lets a function reopen an ended partner's closed login for its re-admitted successor, and nothing else of the directory. */
  public grantLoginReopening(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...LOGIN_REOPENING_ACTIONS);
  }
}
