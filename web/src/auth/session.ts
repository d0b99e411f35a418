/**
 * Who is signed in, as signals: the ID token and what the console reads from it. Kept in
 * sessionStorage (gone when the tab closes); refreshed shortly before it expires when a refresh
 * token is there (Cognito), else the person signs in again.
 */
import { computed, signal } from '@preact/signals';

/** The three kinds of people the console serves. */
export type Role = 'partner' | 'manager' | 'client';

/** Which sign-in a session came from: staff (partners, managers) or the cloud console (clients). */
export type Pool = 'staff' | 'console';

/** A signed-in person. */
export interface Session {
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Expiry of the ID token, epoch ms. */
  readonly expiresAt: number;
  readonly role: Role;
  readonly pool: Pool;
  /** What the header shows: an e-mail or a cloud account id. */
  readonly displayName: string;
  /** A client's cloud account. */
  readonly accountId?: string;
}

const STORAGE_KEY = 'partnerdesk.session';
/** Refresh this long before the token expires. */
const REFRESH_AHEAD_MS = 60_000;

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const value = raw ? (JSON.parse(raw) as Session) : null;
    return value && value.expiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

/** The current session, or null when nobody is signed in. */
export const session = signal<Session | null>(stored());
/** Why the sign-in page is shown again (its words are in the catalogue, `signIn.sessionEnded`). */
export type SignInNotice = 'sessionEnded';

/** Why the person was sent to the sign-in page (e.g. the session ended), shown there once. */
export const signInNotice = signal<SignInNotice | null>(null);
/** The signed-in role, for navigation. */
export const role = computed(() => session.value?.role ?? null);

/** Exchanges a refresh token for a new session (Cognito); none locally. */
export type Refresher = (current: Session) => Promise<Session | null>;
let refresher: Refresher | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<Session | null> | undefined;

/** Claims of a JWT, read without verifying (the API verifies; the console only displays). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/** Builds a session from an ID token issued by the given sign-in. */
export function sessionFromToken(idToken: string, pool: Pool, refreshToken?: string): Session {
  const claims = claimsOf(idToken);
  const text = (name: string): string | undefined => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const claimedRole = text('custom:role');
  const role: Role = pool === 'console' ? 'client' : claimedRole === 'manager' ? 'manager' : 'partner';
  const accountId = pool === 'console' ? text('custom:accountId') ?? text('sub') : undefined;
  return {
    idToken,
    ...(refreshToken && { refreshToken }),
    expiresAt: Number(claims.exp) * 1000,
    role,
    pool,
    displayName: text('email') ?? accountId ?? '',
    ...(accountId && { accountId }),
  };
}

function scheduleRefresh(current: Session | null): void {
  clearTimeout(refreshTimer);
  if (!current?.refreshToken || !refresher) return;
  const wait = Math.max(0, current.expiresAt - REFRESH_AHEAD_MS - Date.now());
  refreshTimer = setTimeout(() => void refreshNow(), wait);
}

async function refreshNow(): Promise<Session | null> {
  const current = session.value;
  if (!current || !refresher) return current;
  refreshing ??= refresher(current)
    .catch(() => null)
    .then((next) => {
      refreshing = undefined;
      if (next) start(next);
      else end('sessionEnded');
      return next;
    });
  return refreshing;
}

/** Starts a session (after sign-in or refresh). */
export function start(next: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  session.value = next;
  scheduleRefresh(next);
}

/** Ends the session; `notice` tells the sign-in page why. */
export function end(notice: SignInNotice | null = null): void {
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(STORAGE_KEY);
  session.value = null;
  signInNotice.value = notice;
}

/** Lets the Cognito sign-in refresh sessions before they expire. */
export function setRefresher(refresh: Refresher): void {
  refresher = refresh;
  scheduleRefresh(session.value);
}

/** The ID token to send now: refreshed first when it is about to expire; undefined when nobody is signed in. */
export async function currentIdToken(): Promise<string | undefined> {
  const current = session.value;
  if (!current) return undefined;
  if (current.expiresAt - REFRESH_AHEAD_MS > Date.now()) return current.idToken;
  if (current.refreshToken && refresher) return (await refreshNow())?.idToken;
  if (current.expiresAt > Date.now()) return current.idToken;
  end('sessionEnded');
  return undefined;
}
