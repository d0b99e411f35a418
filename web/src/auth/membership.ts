/**
 * The signed-in partner's membership of its team (`GET /team/me`), read once per session: its role
 * decides which navigation entries, buttons and menu items the console shows (`allowed`).
 */
import { signal } from '@preact/signals';
import { api, attempt } from '../api/client';
import type { Problem } from '../api/errorMessages';
import { passing, waitBeforeReadingAgain } from '../api/resend';
import type { paths } from '../api/schema';
import { type PartnerRoute, rolesOf } from './routeRoles';
import { session } from './session';

/** The caller's membership as `GET /team/me` answers it. */
export type Membership = paths['/team/me']['get']['responses'][200]['content']['application/json'];

/** The membership of the partner signed in now; null before it is known (and for managers and clients). */
export const membership = signal<Membership | null>(null);
/** Why the membership could not be read (the console then offers only what every member may do). */
export const membershipProblem = signal<Problem | null>(null);
let loadedFor: string | undefined;
let reading = false;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** Reads again by itself after a failure that passes (429, 5xx, no answer): this many times at most. */
const RETRIES = 6;

/**
 * Reads `GET /team/me` once per partner session (and again after a token refresh). A failure leaves the
 * console with what every member may do and says so (`membershipProblem`); one that passes (429, 5xx,
 * no answer) is read again by itself, after the service's `Retry-After` or 1, 2, 4 … s.
 */
export async function loadMembership(): Promise<void> {
  const current = session.value;
  if (current?.role !== 'partner') {
    clearTimeout(retryTimer);
    membership.value = null;
    membershipProblem.value = null;
    loadedFor = undefined;
    return;
  }
  // A new token (a sign-in, or a refresh about hourly) reads it again: a changed role shows within the session.
  if (loadedFor === current.idToken) return;
  loadedFor = current.idToken;
  failures = 0;
  membership.value = null;
  membershipProblem.value = null;
  await read(current.idToken);
}

/** Reads the membership again now (the Retry of the console's notice); nothing while a read runs. */
export function retryMembership(): Promise<void> {
  const current = session.value;
  if (current?.role !== 'partner' || loadedFor !== current.idToken || reading) return Promise.resolve();
  return read(current.idToken);
}

async function read(idToken: string): Promise<void> {
  clearTimeout(retryTimer);
  reading = true;
  const outcome = await attempt(api().GET('/team/me'));
  reading = false;
  // The session changed meanwhile: its own read decides.
  if (session.value?.idToken !== idToken) return;
  if (outcome.ok) {
    membership.value = outcome.data;
    membershipProblem.value = null;
    return;
  }
  membershipProblem.value = outcome.problem;
  if (!passing(outcome.problem) || failures >= RETRIES) return;
  failures += 1;
  retryTimer = setTimeout(() => void retryMembership(), waitBeforeReadingAgain(outcome.problem, failures));
}

/** True when the signed-in member's role may use `route` (false while the role is not known). */
export function allowed(route: PartnerRoute): boolean {
  const role = membership.value?.member.role;
  return role !== undefined && rolesOf(route).includes(role);
}
