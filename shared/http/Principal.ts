import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isCloudAccountId } from '../domain/clients/cloudAccountId';
import type { Actor } from '../domain/audit/AuditEntry';
import type { ApiKeyScope } from '../domain/apiKeys/ApiKey';
import type { MemberRole } from '../domain/team/Member';
import type { AuthKind } from '../routeTable';

/** Who is calling, as established from a verified JWT (see `authenticate.ts`). */
export type Principal =
  | { readonly kind: 'anonymous' }
  /**
   * A partner's person; `memberId` and `role` are set by the membership check (`partnerMembership.ts`) on every partner route.
   * Or one of the partner's API keys (`apiKey`, issue 33): then `userId` and `memberId` are `apiKey:<key id>`, `email` is
   * empty, there is no role and the key's scopes decide (`apiKeyAuthentication.ts`).
   */
  | {
    readonly kind: 'partner'; readonly userId: string; readonly partnerId: string; readonly email: string; readonly memberId?: string; readonly role?: MemberRole;
    readonly apiKey?: { readonly keyId: string; readonly scopes: readonly ApiKeyScope[] };
  }
  | { readonly kind: 'manager'; readonly userId: string; readonly email: string }
  | { readonly kind: 'system'; readonly clientId: string; readonly scopes: readonly string[] }
  /**
   * The owner of a cloud account, signed in to the cloud console (the console users' identity
   * provider), with the e-mail address the provider has verified (absent when it vouches for none).
   */
  | { readonly kind: 'console'; readonly userId: string; readonly accountId: string; readonly verifiedEmail?: string };

/** Claim names shared by Cognito tokens (custom attributes) and local demo tokens. */
export const CLAIMS = {
  role: 'custom:role',
  partnerId: 'custom:partnerId',
  /** Default claim of console users' ID tokens naming their cloud account (`CONSOLE_ACCOUNT_CLAIM` overrides it). */
  accountId: 'custom:accountId',
  email: 'email',
  /** OIDC's claim that the provider has verified `email` (Cognito: `true` once the user confirmed the address). */
  emailVerified: 'email_verified',
  subject: 'sub',
  /** OIDC's authorized party: the client a token with several audiences was issued to. */
  authorizedParty: 'azp',
  clientId: 'client_id',
  scope: 'scope',
  tokenUse: 'token_use',
  /** When the person signed in (seconds since the epoch); refreshed tokens keep it. */
  authTime: 'auth_time',
} as const;

/** The OAuth scope a machine client needs to post billing events. */
export const BILLING_WRITE_SCOPE = 'partnerdesk/billing.write';

/** Verified JWT claims as API Gateway presents them (strings). */
export type Claims = Readonly<Record<string, unknown>>;

/** Which identity provider verified a token: the staff pool (managers, partners, machine clients) or the console users' one. */
export type TokenSource = { readonly kind: 'staff' } | ConsoleTokenSource;

/** The console users' identity provider: the stack's own pool, or the cloud's own OIDC provider, and the claims it uses. */
export interface ConsoleTokenSource {
  readonly kind: 'console';
  /** The claim naming the cloud account. */
  readonly accountClaim: string;
  /** The claim carrying the user's e-mail address, and the one saying the provider verified it (`true`). */
  readonly emailClaim: string;
  readonly emailVerifiedClaim: string;
  /** Whether ID tokens must say `token_use: id`: Cognito pools (the stack's own) always do; another OIDC provider's tokens have no such claim. */
  readonly tokenUseRequired: boolean;
}

/** The claims of a console token by default (the stack's own pool). */
export const DEFAULT_CONSOLE_SOURCE: ConsoleTokenSource = {
  kind: 'console', accountClaim: CLAIMS.accountId, emailClaim: CLAIMS.email, emailVerifiedClaim: CLAIMS.emailVerified, tokenUseRequired: true,
};

function claimText(claims: Claims, name: string): string {
  const value = claims[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Derives the principal from verified claims. Staff pool: a person only from an ID token with a role
 * claim, a machine client only from an access token carrying the billing scope (a person's Cognito
 * access token has scopes too and never counts as one). Console users: an ID token naming a cloud
 * account (`token_use: id`, which Cognito always sets; another OIDC provider's ID token may have none
 * when the source says so), with its e-mail only when the provider says it verified it.
 */
export function principalFromClaims(claims: Claims | undefined, source: TokenSource = { kind: 'staff' }): Principal {
  if (!claims) return { kind: 'anonymous' };
  const text = (name: string): string => claimText(claims, name);
  const tokenUse = text(CLAIMS.tokenUse);
  if (source.kind === 'console') {
    const accountId = text(source.accountClaim);
    const idToken = tokenUse === 'id' || (tokenUse === '' && !source.tokenUseRequired);
    if (!idToken || !isCloudAccountId(accountId)) return { kind: 'anonymous' };
    const verified = claims[source.emailVerifiedClaim] === true || claims[source.emailVerifiedClaim] === 'true';
    const email = text(source.emailClaim);
    return { kind: 'console', userId: text(CLAIMS.subject), accountId, ...(verified && email && { verifiedEmail: email }) };
  }
  const role = text(CLAIMS.role);
  if (tokenUse === 'id' && role === 'partner' && text(CLAIMS.partnerId)) {
    return { kind: 'partner', userId: text(CLAIMS.subject), partnerId: text(CLAIMS.partnerId), email: text(CLAIMS.email) };
  }
  if (tokenUse === 'id' && role === 'manager') return { kind: 'manager', userId: text(CLAIMS.subject), email: text(CLAIMS.email) };
  const scopes = text(CLAIMS.scope).split(' ').filter(Boolean);
  if (tokenUse === 'access' && scopes.includes(BILLING_WRITE_SCOPE)) {
    return { kind: 'system', clientId: text(CLAIMS.clientId), scopes };
  }
  return { kind: 'anonymous' };
}

/** Whether a route of auth kind `auth` admits the principal: its own kind, or a partner or manager on a `staff` route. */
export function admits(auth: Exclude<AuthKind, 'public'>, principal: Principal['kind']): boolean {
  return auth === 'staff' ? principal === 'partner' || principal === 'manager' : principal === auth;
}

/** The verified principal of a request: anonymous on public routes, the one `authenticate` established otherwise. */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const authorizer = (event.requestContext as { authorizer?: { principal?: Principal } }).authorizer;
  return authorizer?.principal ?? { kind: 'anonymous' };
}

/** The member who acts on a partner route, as the audit trail names it: member id and e-mail at this time (an API key: `apiKey:<key id>`, no e-mail). */
export function memberActor(principal: Extract<Principal, { kind: 'partner' }>): Actor {
  if (principal.apiKey) return { kind: 'partner', id: apiKeyActorId(principal.apiKey.keyId) };
  return { kind: 'partner', id: principal.memberId ?? principal.userId, email: principal.email };
}

/** How the audit trail (and the principal's `userId` / `memberId`) names an API key. */
export function apiKeyActorId(keyId: string): string {
  return `apiKey:${keyId}`;
}

/** When the caller signed in, from its verified token's `auth_time`; `undefined` when the token has none. */
export function signInTimeOf(event: APIGatewayProxyEventV2): Date | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  const seconds = Number(claims?.[CLAIMS.authTime]);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
