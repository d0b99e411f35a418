import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { API_KEY_PREFIX } from '../domain/apiKeys/ApiKey';
import type { AuthKind } from '../routeTable';
import { HttpError } from './HttpError';
import { admits, type Claims, CLAIMS, DEFAULT_CONSOLE_SOURCE, type Principal, principalFromClaims, type TokenSource } from './Principal';

/** Where tokens come from: Cognito in AWS (or the cloud's own OIDC provider for console users), the local issuers locally. */
export interface TokenIssuerConfig {
  /** JWKS URL, e.g. `https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Expected `iss`. */
  readonly issuer: string;
  /** App client ids accepted as `aud` of people's ID tokens. */
  readonly audiences: readonly string[];
  /** App client ids accepted as `client_id` of machine clients' access tokens (none for console users). */
  readonly machineClients: readonly string[];
  /** Signature algorithms accepted: only the provider's (Cognito signs with RS256). */
  readonly algorithms: readonly string[];
  /** Which provider this is, and for console users the claim that names the cloud account. */
  readonly source: TokenSource;
}

/** Checks an API key presented on a route and returns the principal it acts as (`apiKeyAuthentication.ts`). */
export type ApiKeyCheck = (presented: string, routeKey: string) => Promise<Principal>;

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

/** The staff pool (managers, partners, machine clients): `AUTH_JWKS_URL`, `AUTH_ISSUER`, `AUTH_AUDIENCES`, `AUTH_MACHINE_CLIENTS`, `AUTH_ALGORITHMS`. */
export function issuerConfigFromEnv(env = process.env): TokenIssuerConfig {
  return {
    jwksUrl: env.AUTH_JWKS_URL ?? '',
    issuer: env.AUTH_ISSUER ?? '',
    audiences: list(env.AUTH_AUDIENCES),
    machineClients: list(env.AUTH_MACHINE_CLIENTS),
    algorithms: list(env.AUTH_ALGORITHMS ?? 'RS256'),
    source: { kind: 'staff' },
  };
}

/**
 * The cloud console users' identity provider (the stack's console pool, or the cloud's own OIDC
 * provider): `CONSOLE_AUTH_JWKS_URL`, `CONSOLE_AUTH_ISSUER`, `CONSOLE_AUTH_AUDIENCES`,
 * `CONSOLE_AUTH_ALGORITHMS`, `CONSOLE_ACCOUNT_CLAIM` (default `custom:accountId`),
 * `CONSOLE_EMAIL_CLAIM` / `CONSOLE_EMAIL_VERIFIED_CLAIM` (default `email` / `email_verified`), and
 * `CONSOLE_TOKEN_USE`: `required` unless set to `optional` (an OIDC provider without Cognito's `token_use`).
 */
export function consoleIssuerConfigFromEnv(env = process.env): TokenIssuerConfig {
  return {
    jwksUrl: env.CONSOLE_AUTH_JWKS_URL ?? '',
    issuer: env.CONSOLE_AUTH_ISSUER ?? '',
    audiences: list(env.CONSOLE_AUTH_AUDIENCES),
    machineClients: [],
    algorithms: list(env.CONSOLE_AUTH_ALGORITHMS ?? 'RS256'),
    source: {
      kind: 'console',
      accountClaim: env.CONSOLE_ACCOUNT_CLAIM || DEFAULT_CONSOLE_SOURCE.accountClaim,
      emailClaim: env.CONSOLE_EMAIL_CLAIM || DEFAULT_CONSOLE_SOURCE.emailClaim,
      emailVerifiedClaim: env.CONSOLE_EMAIL_VERIFIED_CLAIM || DEFAULT_CONSOLE_SOURCE.emailVerifiedClaim,
      // Fail closed: only an explicit setting lets a token without `token_use` through.
      tokenUseRequired: env.CONSOLE_TOKEN_USE !== 'optional',
    },
  };
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Most verified tokens a container remembers (oldest forgotten first). */
const MAX_VERIFIED_TOKENS = 1000;

/**
 * Tokens this container has verified, with their payloads, until they expire: a console sends the
 * same ID token with every call for up to an hour, and the ES256 check is most of the HTTP stack's
 * cost (bench, section 3). Sound because verification depends only on the token, the key set and
 * the time: a token's signature never stops being valid, `exp` is checked on every hit, and the
 * audience is checked on every call. Keyed by issuer and the whole token string.
 */
const verifiedTokens = new Map<string, JWTPayload>();

function rememberedPayload(key: string, nowSeconds: number): JWTPayload | undefined {
  const payload = verifiedTokens.get(key);
  if (payload && typeof payload.exp === 'number' && payload.exp > nowSeconds) return payload;
  verifiedTokens.delete(key);
  return undefined;
}

function remember(key: string, payload: JWTPayload): void {
  if (typeof payload.exp !== 'number') return;
  if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) verifiedTokens.delete(verifiedTokens.keys().next().value ?? '');
  verifiedTokens.set(key, payload);
}

async function verifiedPayload(token: string, config: TokenIssuerConfig): Promise<JWTPayload> {
  const key = `${config.jwksUrl} ${config.issuer} ${token}`;
  const remembered = rememberedPayload(key, Math.floor(Date.now() / 1000));
  if (remembered) return remembered;
  let keySet = keySets.get(config.jwksUrl);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(config.jwksUrl));
    keySets.set(config.jwksUrl, keySet);
  }
  // `exp` is required: a token that never expires is refused; `sub` too: a token must name whom it is for.
  const { payload } = await jwtVerify(token, keySet, { issuer: config.issuer, algorithms: [...config.algorithms], requiredClaims: ['exp', 'sub'] });
  remember(key, payload);
  return payload;
}

/** Verifies a bearer token and returns its claims, or throws 401. Key sets and verified tokens are cached per container. */
export async function verifyBearerToken(authorization: string | undefined, config: TokenIssuerConfig): Promise<Claims> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new HttpError('unauthorized', 'A bearer token is required');
  let payload: JWTPayload;
  try {
    payload = await verifiedPayload(token, config);
  } catch {
    throw new HttpError('unauthorized', 'The bearer token is invalid or expired');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new HttpError('unauthorized', 'The bearer token names no subject');
  if (!issuedForUs(payload, config)) throw new HttpError('unauthorized', 'The bearer token was issued for another application');
  return payload;
}

/**
 * An access token is a machine client's (its `client_id`); anything else is a person's ID token (its
 * `aud`). A token for several audiences counts only when its authorized party (`azp`, OpenID
 * Connect Core 3.1.3.7) is one of ours: one of the other audiences could have asked for it.
 */
function issuedForUs(payload: JWTPayload, config: TokenIssuerConfig): boolean {
  if (payload[CLAIMS.tokenUse] === 'access') return typeof payload.client_id === 'string' && config.machineClients.includes(payload.client_id);
  const audiences = [payload.aud ?? []].flat();
  if (audiences.length > 1) {
    const party = payload[CLAIMS.authorizedParty];
    return typeof party === 'string' && config.audiences.includes(party) && audiences.includes(party);
  }
  return audiences.some((audience) => config.audiences.includes(audience));
}

/**
 * Verifies the bearer token (jose, JWKS) in the function itself, in AWS and locally alike, so that
 * 401/403 answers use the API's one error shape: console routes against the console users'
 * provider, the others against the staff pool. The verified claims are placed where an API Gateway
 * JWT authorizer would put them (`requestContext.authorizer.jwt`), with the principal beside them.
 * On partner routes a bearer value that starts with `pdk_` is a partner's API key instead (never a
 * JWT, whose first characters are base64url of `{"`): `apiKeyAuthentication.ts` checks it. A key on
 * any other route is not a token there (401).
 */
export function authenticate(
  auth: Exclude<AuthKind, 'public'>,
  config: () => TokenIssuerConfig = auth === 'console' ? consoleIssuerConfigFromEnv : issuerConfigFromEnv,
  apiKeys?: ApiKeyCheck,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const authenticateBefore = async (request: { event: APIGatewayProxyEventV2 }): Promise<void> => {
    const context = request.event.requestContext as { authorizer?: unknown };
    delete context.authorizer; // never trust claims that arrive with the event itself
    const presented = /^Bearer\s+(\S+)$/i.exec(request.event.headers?.authorization ?? '')?.[1];
    if (apiKeys && presented?.startsWith(API_KEY_PREFIX)) {
      // An API key, not a JWT (issue 33): only partner routes pass the check (`partnerRoute`), so no
      // other function bundles it. Passed in rather than loaded with a dynamic import(): inside the
      // one-file bundle that makes esbuild wrap every module behind it lazily, and the SDK's package
      // index with them, which kept all of DynamoDB's commands, schemas and waiters in every route.
      context.authorizer = { principal: await apiKeys(presented, request.event.routeKey) };
      return;
    }
    const issuer = config();
    const claims = await verifyBearerToken(request.event.headers?.authorization, issuer);
    const principal = principalFromClaims(claims, issuer.source);
    context.authorizer = { jwt: { claims, scopes: null }, principal };
    if (principal.kind === 'anonymous') throw new HttpError('forbidden', 'The token carries no role');
    if (!admits(auth, principal.kind)) throw new HttpError('forbidden', 'This operation is not allowed for your role');
  };
  return { before: authenticateBefore };
}
