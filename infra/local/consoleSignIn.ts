import { randomUUID } from 'node:crypto';
import type { PreAuthenticationTriggerEvent, PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { documentClient } from '../../shared/adapters/compositionRoot';
import { normalizedEmail } from '../../shared/domain/accounts/emailAddress';
import { CLAIMS } from '../../shared/http/Principal';
import { triggers } from '../../shared/routeTable';
import type { LocalEndpoint } from './gateway';
import type { LocalTokenIssuer } from './localAuth';

/** Audience (app client id) of local console users' ID tokens (`CONSOLE_AUTH_AUDIENCES`). */
export const LOCAL_CONSOLE_AUDIENCE = 'partnerdesk-console-local';

/** A console user as the console users' pool knows it. */
export interface ConsoleUser {
  readonly userId: string;
  readonly email: string;
}

const COMMON = { version: '1', region: 'local', userPoolId: 'local_console', callerContext: { awsSdkVersion: 'local', clientId: LOCAL_CONSOLE_AUDIENCE } };

/** The pre-authentication event Cognito sends when a console user signs in. */
export function preAuthenticationEvent(user: ConsoleUser): PreAuthenticationTriggerEvent {
  return {
    ...COMMON, triggerSource: 'PreAuthentication_Authentication', userName: user.userId,
    request: { userAttributes: { sub: user.userId, email: user.email, email_verified: 'true' }, validationData: {} },
    response: {},
  };
}

/** The pre-token-generation event Cognito sends when it issues tokens: at sign-in, or on a refresh. */
export function preTokenGenerationEvent(user: ConsoleUser, refresh = false): PreTokenGenerationTriggerEvent {
  return {
    ...COMMON, triggerSource: refresh ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_Authentication', userName: user.userId,
    request: { userAttributes: { sub: user.userId, email: user.email, email_verified: 'true' }, groupConfiguration: {} },
    response: { claimsOverrideDetails: {} },
  } as PreTokenGenerationTriggerEvent;
}

type Trigger<E> = (event: E) => Promise<E>;

async function triggerHandler<E>(name: 'preAuthentication' | 'preTokenGeneration'): Promise<Trigger<E>> {
  const spec = triggers.find((trigger) => trigger.trigger === name);
  if (!spec) throw new Error(`no ${name} trigger in the route table`);
  return ((await import(`../../functions/${spec.handler}`)) as { handler: Trigger<E> }).handler;
}

const refused = (message: string) => ({ status: 403, body: { error: { code: 'login_disabled', message, details: {} } } });

/** The local stand-in of the console users' pool: sign-up, and sign-in by account id or e-mail. */
export interface LocalConsolePool {
  /** `POST /__local/signup {"email"}`: a new console user, who gets a new cloud account with its first token. */
  readonly signup: LocalEndpoint;
  /** Signs in the owner of `accountId`, or the console user with `email`; `undefined` when there is no such user. */
  signIn(by: { accountId?: string; email?: string }): Promise<{ status: number; body: unknown } | undefined>;
}

/**
 * Stands in for the console users' Cognito pool: a sign-in runs the same trigger functions the pool
 * calls in AWS (the route table's `triggers`, with Cognito's event shapes), then issues an ID token
 * with the claims the pool would put in it.
 */
export function localConsolePool(issuer: LocalTokenIssuer): LocalConsolePool {
  const directory = () => new LocalAccountDirectory(documentClient());
  const signIn = async (user: ConsoleUser): Promise<{ status: number; body: unknown }> => {
    try {
      await (await triggerHandler<PreAuthenticationTriggerEvent>('preAuthentication'))(preAuthenticationEvent(user));
      const issued = await (await triggerHandler<PreTokenGenerationTriggerEvent>('preTokenGeneration'))(preTokenGenerationEvent(user));
      const claims = issued.response.claimsOverrideDetails.claimsToAddOrOverride ?? {};
      const idToken = await issuer.sign({ sub: user.userId, aud: LOCAL_CONSOLE_AUDIENCE, token_use: 'id', [CLAIMS.email]: user.email, [CLAIMS.emailVerified]: user.email !== '', ...claims }, '15m');
      return { status: 200, body: { idToken, role: 'client', accountId: claims[CLAIMS.accountId] } };
    } catch (error) {
      return refused(error instanceof Error ? error.message : 'Sign-in refused');
    }
  };
  return {
    signup: async ({ body }) => {
      const email = normalizedEmail(String((body as { email?: unknown } | undefined)?.email ?? ''));
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        return { status: 400, body: { error: { code: 'validation_failed', message: 'email must be an e-mail address', details: {} } } };
      }
      const { userId, created } = await directory().createConsoleUser(email, `local-console-${randomUUID()}`);
      if (!created) return { status: 409, body: { error: { code: 'already_signed_up', message: 'This e-mail has signed up already; sign in instead', details: {} } } };
      const result = await signIn({ userId, email });
      return result.status === 200 ? { status: 201, body: result.body } : result;
    },
    signIn: async ({ accountId, email }) => {
      if (email) {
        const user = await directory().findConsoleUser(email);
        return user && signIn(user);
      }
      const owner = accountId ? await new DynamoCloudAccountRegistry(documentClient()).ownerOf(accountId) : undefined;
      return owner ? signIn({ userId: owner, email: '' }) : undefined;
    },
  };
}
