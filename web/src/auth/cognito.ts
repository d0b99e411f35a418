/**
 * Sign-in through Cognito's hosted/managed login: authorization code with PKCE (S256), redirect
 * URI `<origin>/auth/callback`, tokens from the pool's `/oauth2/token`, refresh with the refresh
 * token, sign-out through `/logout` back to `<origin>/`. Two pools: `staff` (partners and
 * managers) and `console` (the cloud's console users, i.e. clients).
 */
import type { CognitoClient } from '../config';
import { describeProblem, type Problem, UNREACHABLE } from '../api/errorMessages';
import { challengeOf, createState, createVerifier } from './pkce';
import { type Pool, type Refresher, type Session, sessionFromToken } from './session';

const PENDING_KEY = 'partnerdesk.pkce';

/** What this tab remembers between the redirect to Cognito and the callback. */
interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly pool: Pool;
  /** Where to go after signing in. */
  readonly next: string;
}

/** The pool's base URL from its domain setting (with or without scheme). */
function baseUrl(client: CognitoClient): string {
  return (client.domain.startsWith('https://') ? client.domain : `https://${client.domain}`).replace(/\/+$/, '');
}

function redirectUri(): string {
  return `${window.location.origin}/auth/callback`;
}

/** The authorization URL for a sign-in (or sign-up) with PKCE; remembers the verifier in this tab. */
export async function authorizationUrl(client: CognitoClient, pool: Pool, next: string, signUp = false): Promise<string> {
  const pending: PendingSignIn = { verifier: createVerifier(), state: createState(), pool, next };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  });
  return `${baseUrl(client)}/${signUp ? 'signup' : 'oauth2/authorize'}?${params}`;
}

interface TokenAnswer {
  id_token?: string;
  refresh_token?: string;
}

async function tokenRequest(client: CognitoClient, form: Record<string, string>): Promise<TokenAnswer | Problem> {
  try {
    const response = await fetch(`${baseUrl(client)}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: client.clientId, ...form }),
    });
    const answer = (await response.json().catch(() => ({}))) as TokenAnswer & { error?: string };
    if (response.ok && answer.id_token) return answer;
    return describeProblem(response.status, { error: { code: 'sign_in_failed' } }, null);
  } catch {
    return UNREACHABLE;
  }
}

/** Finishes the sign-in on `/auth/callback`: checks `state`, exchanges the code with the verifier. */
export async function completeSignIn(
  clients: Readonly<Partial<Record<Pool, CognitoClient>>>,
  query: URLSearchParams,
): Promise<{ session: Session; next: string } | Problem> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  const code = query.get('code');
  const client = pending && clients[pending.pool];
  if (!pending || !client || !code || query.get('state') !== pending.state) {
    return describeProblem(400, { error: { code: 'sign_in_failed' } }, null);
  }
  const answer = await tokenRequest(client, {
    grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: pending.verifier,
  });
  if (!('id_token' in answer) || !answer.id_token) return answer as Problem;
  return { session: sessionFromToken(answer.id_token, pending.pool, answer.refresh_token), next: pending.next };
}

/** Refreshes a session with its refresh token (Cognito keeps the same refresh token). */
export function cognitoRefresher(clients: Readonly<Partial<Record<Pool, CognitoClient>>>): Refresher {
  return async (current) => {
    const client = clients[current.pool];
    if (!current.refreshToken || !client) return null;
    const answer = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: current.refreshToken });
    if (!('id_token' in answer) || !answer.id_token) return null;
    return sessionFromToken(answer.id_token, current.pool, answer.refresh_token ?? current.refreshToken);
  };
}

/** Where to send the browser to end the Cognito session too; it comes back to `<origin>/`. */
export function signOutUrl(client: CognitoClient): string {
  const params = new URLSearchParams({ client_id: client.clientId, logout_uri: `${window.location.origin}/` });
  return `${baseUrl(client)}/logout?${params}`;
}
