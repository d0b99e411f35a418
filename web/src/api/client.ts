/**
 * The one typed API client (openapi-fetch over the generated `schema.d.ts`): every call of the
 * console goes through it. It adds the signed-in person's ID token, ends the session on a 401
 * (the console then asks to sign in again), and `attempt` turns any failure into a `Problem`.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { currentIdToken, end } from '../auth/session';
import { describeProblem, type Problem, UNREACHABLE } from './errorMessages';
import type { paths } from './schema';

let client: Client<paths> | undefined;

const bearerToken: Middleware = {
  async onRequest({ request }) {
    if (request.headers.has('authorization')) return request;
    const token = await currentIdToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) end('sessionEnded');
    return response;
  },
};

/** Creates the client once, when `config.json` has named the API. */
export function startApi(baseUrl: string): void {
  client = createClient<paths>({ baseUrl });
  client.use(bearerToken);
}

/** The typed client. */
export function api(): Client<paths> {
  if (!client) throw new Error('startApi was not called');
  return client;
}

/** A call's outcome: the data, or a problem in words. */
export type Outcome<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly problem: Problem };

/** Awaits a typed call and never throws: network failures and error answers become a `Problem`. */
export async function attempt<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await pending;
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, problem: describeProblem(response.status, error, response.headers.get('retry-after')) };
  } catch {
    return { ok: false, problem: UNREACHABLE };
  }
}

/** A fresh `Idempotency-Key` for one intent of the person (kept across retries of that intent). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
