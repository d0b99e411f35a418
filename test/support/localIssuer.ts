import { BILLING_WRITE_SCOPE, CLAIMS } from '../../shared/http/Principal';
import { corsPolicy } from '../../shared/http/cors';
import { type RunningGateway, startGateway } from '../../infra/local/gateway';
import { LOCAL_CONSOLE_AUDIENCE } from '../../infra/local/consoleSignIn';
import { createLocalTokenIssuer, LOCAL_AUDIENCE, LOCAL_MACHINE_CLIENT, type LocalTokenIssuer } from '../../infra/local/localAuth';

/** The callers a test can be: one valid token per role, and tokens that must be refused. */
export interface IssuedTokens {
  readonly issuer: LocalTokenIssuer;
  /** A partner's ID token for `partnerId`. */
  partner(partnerId: string): Promise<string>;
  manager(): Promise<string>;
  /** A machine client's access token (scope `billing.write`). */
  system(): Promise<string>;
  /** A manager's token that expired an hour ago. */
  expired(): Promise<string>;
  /** A manager's token with the right issuer and key id, signed by another key. */
  otherKey(): Promise<string>;
  /** A manager's token issued for another application (audience). */
  otherAudience(): Promise<string>;
  /** A cloud console user's ID token naming `accountId`, from the console users' issuer; with `email`, the provider vouches for it (`email_verified`). */
  console(accountId: string, email?: string): Promise<string>;
}

/**
 * Serves a local token issuer's JWKS on loopback for the calling test file and points the
 * functions at it (`AUTH_JWKS_URL`, `AUTH_ISSUER`, `AUTH_AUDIENCES`), as `startLocalStack` does.
 */
export function useLocalIssuer(): () => IssuedTokens {
  let gateway: RunningGateway | undefined;
  let tokens: IssuedTokens | undefined;

  beforeAll(async () => {
    const issuerName = 'partnerdesk-test';
    const issuer = await createLocalTokenIssuer(issuerName);
    const impostor = await createLocalTokenIssuer(issuerName);
    const consoleIssuer = await createLocalTokenIssuer(`${issuerName}-console`);
    gateway = await startGateway({
      routes: [],
      cors: corsPolicy(),
      localEndpoints: {
        'GET /.well-known/jwks.json': async () => ({ status: 200, body: issuer.jwks }),
        'GET /.well-known/console-jwks.json': async () => ({ status: 200, body: consoleIssuer.jwks }),
      },
    });
    Object.assign(process.env, {
      AUTH_JWKS_URL: `${gateway.url}/.well-known/jwks.json`,
      AUTH_ISSUER: issuerName,
      AUTH_AUDIENCES: LOCAL_AUDIENCE,
      AUTH_MACHINE_CLIENTS: LOCAL_MACHINE_CLIENT,
      AUTH_ALGORITHMS: 'ES256',
      CONSOLE_AUTH_JWKS_URL: `${gateway.url}/.well-known/console-jwks.json`,
      CONSOLE_AUTH_ISSUER: consoleIssuer.issuer,
      CONSOLE_AUTH_AUDIENCES: LOCAL_CONSOLE_AUDIENCE,
      CONSOLE_AUTH_ALGORITHMS: 'ES256',
    });
    const manager = { sub: 'mgr_test', email: 'manager@example.com', role: 'manager' } as const;
    tokens = {
      issuer,
      partner: (partnerId) => issuer.personToken({ sub: `usr_${partnerId}`, email: `${partnerId}@example.com`, role: 'partner', partnerId }),
      manager: () => issuer.personToken(manager),
      system: () => issuer.sign({ sub: 'billing-feed', [CLAIMS.clientId]: LOCAL_MACHINE_CLIENT, [CLAIMS.scope]: BILLING_WRITE_SCOPE, token_use: 'access' }),
      expired: () => issuer.sign({ sub: manager.sub, aud: LOCAL_AUDIENCE, token_use: 'id', [CLAIMS.email]: manager.email, [CLAIMS.role]: 'manager' }, '-1h'),
      otherKey: () => impostor.personToken(manager),
      console: (accountId, email) => consoleIssuer.sign({
        sub: `owner-of-${accountId}`, aud: LOCAL_CONSOLE_AUDIENCE, token_use: 'id', [CLAIMS.accountId]: accountId,
        ...(email && { [CLAIMS.email]: email, [CLAIMS.emailVerified]: true }),
      }),
      otherAudience: () => issuer.sign({ sub: manager.sub, aud: 'another-app', token_use: 'id', [CLAIMS.email]: manager.email, [CLAIMS.role]: 'manager' }),
    };
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  return () => {
    if (!tokens) throw new Error('useLocalIssuer(): the issuer starts in beforeAll; ask for tokens inside a test');
    return tokens;
  };
}
