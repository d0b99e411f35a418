/**
 * Local sign-in (never part of AWS): the local stack's `/__local/login` and `/__local/signup`
 * stand in for Cognito. These endpoints are not in the OpenAPI document, so they are the one
 * place that calls `fetch` directly; answers and errors go through the same session and error map.
 */
import { consoleConfig } from '../config';
import { describeProblem, type Problem, UNREACHABLE } from '../api/errorMessages';
import { type Pool, type Session, sessionFromToken } from './session';

/** Staff demo logins seeded by `npm start` (shown on the local sign-in page). */
export const DEMO_STAFF = [
  { email: 'partner@partnerdesk.local', role: 'partner' },
  { email: 'manager@partnerdesk.local', role: 'manager' },
] as const;

async function post(path: string, body: Record<string, string>): Promise<Session | Problem> {
  try {
    const response = await fetch(`${consoleConfig().apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => undefined)) as { idToken?: unknown; role?: unknown } | undefined;
    // The answer's role says which pool signed the person in: a cloud account's owner may also sign in by e-mail.
    const pool: Pool = answer?.role === 'client' ? 'console' : 'staff';
    if (response.ok && typeof answer?.idToken === 'string') return sessionFromToken(answer.idToken, pool);
    return describeProblem(response.status, answer, response.headers.get('retry-after'));
  } catch {
    return UNREACHABLE;
  }
}

/** Signs a partner or manager in by e-mail (or a cloud account's owner by its e-mail). */
export function signInStaff(email: string): Promise<Session | Problem> {
  return post('/__local/login', { email });
}

/** Signs a cloud-console user in by its cloud account id. */
export function signInCloudAccount(accountId: string): Promise<Session | Problem> {
  return post('/__local/login', { accountId });
}

/** Registers a new cloud account for a person who has none and signs it in. */
export function signUpCloudAccount(email: string): Promise<Session | Problem> {
  return post('/__local/signup', { email });
}

/** True when a sign-in answered with a session. */
export function isSession(value: Session | Problem): value is Session {
  return 'idToken' in value;
}
