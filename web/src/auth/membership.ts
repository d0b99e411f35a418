/**
 * The signed-in partner's membership of its team (`GET /team/me`), read once per session: its role
 * decides which navigation entries, buttons and menu items the console shows (`allowed`).
 */
import { signal } from '@preact/signals';
import { api, attempt } from '../api/client';
import type { Problem } from '../api/errorMessages';
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

/** Reads `GET /team/me` once per partner session (and again after a token refresh). */
export async function loadMembership(): Promise<void> {
  const current = session.value;
  if (current?.role !== 'partner') {
    membership.value = null;
    membershipProblem.value = null;
    loadedFor = undefined;
    return;
  }
  // A new token (a sign-in, or a refresh about hourly) reads it again: a changed role shows within the session.
  if (loadedFor === current.idToken) return;
  loadedFor = current.idToken;
  membership.value = null;
  membershipProblem.value = null;
  const outcome = await attempt(api().GET('/team/me'));
  if (outcome.ok) membership.value = outcome.data;
  else membershipProblem.value = outcome.problem;
}

/** True when the signed-in member's role may use `route` (false while the role is not known). */
export function allowed(route: PartnerRoute): boolean {
  const role = membership.value?.member.role;
  return role !== undefined && rolesOf(route).includes(role);
}
