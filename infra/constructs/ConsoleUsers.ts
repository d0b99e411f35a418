import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  OAuthScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { CLAIMS } from '../../shared/http/Principal';
import type { ConsoleTrigger, TriggerSpec } from '../../shared/routeTable';
import { peoplePoolProps, type PoolMail, type UserPoolPolicy } from '../StagePolicy';
import { type SharedResources, ServiceFunction } from './ServiceFunction';

/** A cloud's own OIDC provider for console users, used instead of the pool this construct would create. */
export interface ExternalConsoleIdentity {
  /** Expected `iss` of its ID tokens. */
  readonly issuer: string;
  /** Where it publishes its signing keys. */
  readonly jwksUrl: string;
  /** Client ids accepted as `aud` of its ID tokens. */
  readonly audiences: readonly string[];
  /** The claim naming the user's cloud account (default `custom:accountId`). */
  readonly accountClaim?: string;
  /** The claim carrying the user's e-mail (default `email`) and the one saying the provider verified it (default `email_verified`, value `true`). */
  readonly emailClaim?: string;
  readonly emailVerifiedClaim?: string;
}

/** Props of {@link ConsoleUsers}. */
export interface ConsoleUsersProps extends UserPoolPolicy {
  /** Prefix of the pool's hosted domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  readonly domainPrefix: string;
  /** Origin of the web console: OAuth callback `<origin>/auth/callback`, sign-out back to `<origin>/`. */
  readonly consoleOrigin: string;
  /** The Cognito triggers of the route table (`triggers` in `shared/routeTable.ts`). */
  readonly triggers: readonly TriggerSpec[];
  /** The resources the triggers' `uses` refer to. */
  readonly resources: SharedResources;
  /** Settings every function gets. */
  readonly environment: Readonly<Record<string, string>>;
  /** Point partnerdesk at the cloud's own identity provider instead of creating a pool. */
  readonly external?: ExternalConsoleIdentity;
  /** The SES identity and configuration set the pool's own mail (sign-up codes, password resets) goes through. */
  readonly mail: PoolMail;
  /** Concurrency reserved for each trigger, so that a flood elsewhere cannot stop sign-ins; none when absent. */
  readonly triggerReservedConcurrency?: number;
}

/**
 * How long a trigger may run. Cognito waits 5 seconds for a trigger and may retry one that times out
 * ("Customizing user pool workflows with Lambda triggers"): 3 s leaves the sign-in time to answer.
 */
export const TRIGGER_TIMEOUT = Duration.seconds(3);

/** How long a console user's ID and access tokens live: a blocked owner's session ends within this. */
export const CONSOLE_TOKEN_VALIDITY = Duration.minutes(15);

const OPERATION: Readonly<Record<ConsoleTrigger, UserPoolOperation>> = {
  preAuthentication: UserPoolOperation.PRE_AUTHENTICATION,
  preTokenGeneration: UserPoolOperation.PRE_TOKEN_GENERATION,
};

/**
 * The identity of cloud console users (owners of cloud accounts), apart from the staff pool: a
 * Cognito user pool with self sign-up whose every sign-in and token refresh runs partnerdesk's
 * sign-in gate (pre-authentication and pre-token-generation triggers from the route table): a
 * blocked account is refused, a new user gets a new cloud account, and ID tokens name it in
 * `custom:accountId`. Or, with `external`, the cloud's own OIDC provider.
 *
 * @example
 * const consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', { domainPrefix, consoleOrigin, triggers, resources, environment });
 * fn.addEnvironment('CONSOLE_AUTH_ISSUER', consoleUsers.issuer);
 */
export class ConsoleUsers extends Construct {
  /** The pool, unless an external provider is used. */
  public readonly userPool?: UserPool;
  /** The console's app client (authorization code + PKCE), unless an external provider is used. */
  public readonly webClient?: UserPoolClient;
  /** The pool's managed login (`<prefix>-console.auth.<region>.amazoncognito.com`), unless an external provider is used. */
  public readonly domain?: UserPoolDomain;
  /** The trigger functions by handler name (none with an external provider). */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** Expected `iss` of console users' ID tokens. */
  public readonly issuer: string;
  /** Where the provider publishes its signing keys. */
  public readonly jwksUrl: string;
  /** Client ids accepted as `aud`. */
  public readonly audiences: readonly string[];
  /** The claim naming the cloud account. */
  public readonly accountClaim: string;
  /** The claims of the user's e-mail and of its verification (an identifier-less invitation binds only the invited address). */
  public readonly emailClaim: string;
  public readonly emailVerifiedClaim: string;
  /** Whether ID tokens carry Cognito's `token_use` (the stack's own pool: always; an external provider's: not required). */
  private readonly tokenUse: 'required' | 'optional';

  public constructor(scope: Construct, id: string, props: ConsoleUsersProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    this.functions = functions;
    if (props.external) {
      this.issuer = props.external.issuer;
      this.jwksUrl = props.external.jwksUrl;
      this.audiences = props.external.audiences;
      this.accountClaim = props.external.accountClaim ?? CLAIMS.accountId;
      this.emailClaim = props.external.emailClaim ?? CLAIMS.email;
      this.emailVerifiedClaim = props.external.emailVerifiedClaim ?? CLAIMS.emailVerified;
      this.tokenUse = 'optional';
      return;
    }
    const pool = new UserPool(this, 'UserPool', {
      ...peoplePoolProps(props, { kind: 'consoleUsers' }, props.mail),
      // Anyone may sign up to the cloud console; the sign-in gate registers a new cloud account for them.
      selfSignUpEnabled: true,
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'At 50,000 monthly users the Plus plan alone would cost ≈ $1,000 a month; the Lite plan carries what this pool ' +
        'uses (the two triggers, V1 token claims, the classic hosted UI). Blocking is the sign-in gate\'s job (docs/decisions.md, issue 25).',
    }, {
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional for cloud console users (their choice, TOTP), as in the cloud console itself; the pool is on the Lite plan (docs/decisions.md, issue 25).',
    });
    for (const trigger of props.triggers) {
      const { function: fn } = new ServiceFunction(this, trigger.handler, {
        handler: trigger.handler,
        uses: trigger.uses,
        resources: props.resources,
        environment: props.environment,
        timeout: TRIGGER_TIMEOUT,
        reservedConcurrentExecutions: props.triggerReservedConcurrency,
      });
      pool.addTrigger(OPERATION[trigger.trigger], fn);
      functions.set(trigger.handler, fn);
    }
    this.webClient = pool.addClient('ConsoleWebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.consoleOrigin}/auth/callback`],
        logoutUrls: [`${props.consoleOrigin}/`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: CONSOLE_TOKEN_VALIDITY,
      accessTokenValidity: CONSOLE_TOKEN_VALIDITY,
      refreshTokenValidity: Duration.days(30),
    });
    this.domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `${props.domainPrefix}-console` } });
    this.userPool = pool;
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${pool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.audiences = [this.webClient.userPoolClientId];
    this.accountClaim = CLAIMS.accountId;
    this.emailClaim = CLAIMS.email;
    this.emailVerifiedClaim = CLAIMS.emailVerified;
    this.tokenUse = 'required';
  }

  /** The environment of functions that take console users' tokens (`auth: 'console'` routes). */
  public tokenEnvironment(): Record<string, string> {
    return {
      CONSOLE_AUTH_JWKS_URL: this.jwksUrl,
      CONSOLE_AUTH_ISSUER: this.issuer,
      CONSOLE_AUTH_AUDIENCES: this.audiences.join(','),
      CONSOLE_AUTH_ALGORITHMS: 'RS256',
      CONSOLE_ACCOUNT_CLAIM: this.accountClaim,
      CONSOLE_EMAIL_CLAIM: this.emailClaim,
      CONSOLE_EMAIL_VERIFIED_CLAIM: this.emailVerifiedClaim,
      CONSOLE_TOKEN_USE: this.tokenUse,
    };
  }
}
