import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Who is calling, as established from a verified JWT (see `authenticate.ts`). */
export type Principal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'partner'; readonly userId: string; readonly partnerId: string; readonly email: string }
  | { readonly kind: 'manager'; readonly userId: string; readonly email: string }
  | { readonly kind: 'system'; readonly clientId: string; readonly scopes: readonly string[] };

/** Claim names shared by Cognito tokens (custom attributes) and local demo tokens. */
export const CLAIMS = {
  role: 'custom:role',
  partnerId: 'custom:partnerId',
  email: 'email',
  subject: 'sub',
  clientId: 'client_id',
  scope: 'scope',
} as const;

/** The OAuth scope a machine client needs to post billing events. */
export const BILLING_WRITE_SCOPE = 'partnerdesk/billing.write';

/** Verified JWT claims as API Gateway presents them (strings). */
export type Claims = Readonly<Record<string, unknown>>;

/** Derives the principal from verified claims: a role claim for people, scopes for machine clients. */
export function principalFromClaims(claims: Claims | undefined): Principal {
  if (!claims) return { kind: 'anonymous' };
  const text = (name: string): string => {
    const value = claims[name];
    return typeof value === 'string' ? value : '';
  };
  const role = text(CLAIMS.role);
  if (role === 'partner' && text(CLAIMS.partnerId)) {
    return { kind: 'partner', userId: text(CLAIMS.subject), partnerId: text(CLAIMS.partnerId), email: text(CLAIMS.email) };
  }
  if (role === 'manager') return { kind: 'manager', userId: text(CLAIMS.subject), email: text(CLAIMS.email) };
  // A machine client is an access token (client credentials) carrying the billing scope. A person's
  // Cognito access token has scopes too (`aws.cognito.signin.user.admin`) and must never count as one.
  const scopes = text(CLAIMS.scope).split(' ').filter(Boolean);
  if (text('token_use') === 'access' && scopes.includes(BILLING_WRITE_SCOPE)) {
    return { kind: 'system', clientId: text(CLAIMS.clientId), scopes };
  }
  return { kind: 'anonymous' };
}

/** The verified principal of a request: anonymous on public routes, from the claims `authenticate` placed otherwise. */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  return principalFromClaims(claims);
}
