import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { clock, teamReader } from '../adapters/compositionRoot';
import { NotPermittedError } from '../domain/errors';
import { memberByEmail, type Team } from '../domain/team/Member';
import { ContainerCache } from './containerCache';
import { countPartnerRequest } from './partnerRateLimit';
import { type Principal, principalOf } from './Principal';
import { rolesOfRoute } from './routeRoles';

/**
 * Longest time a container trusts a team it read: a removed member's still-valid token is refused
 * within this (the bound is one minute). `MEMBERSHIP_CACHE_SECONDS` may shorten it, never lengthen it.
 */
export const MAX_MEMBERSHIP_CACHE_SECONDS = 60;

/** Most teams a container remembers (oldest forgotten first). */
const MAX_CACHED_TEAMS = 1000;

const teams = /* @__PURE__ */ new ContainerCache<Team>({ ttlMs: () => cacheMs(), maxEntries: MAX_CACHED_TEAMS, remembersAbsent: false });

function cacheMs(env = process.env): number {
  const configured = Number(env.MEMBERSHIP_CACHE_SECONDS ?? MAX_MEMBERSHIP_CACHE_SECONDS);
  return Math.min(Number.isFinite(configured) && configured >= 0 ? configured : MAX_MEMBERSHIP_CACHE_SECONDS, MAX_MEMBERSHIP_CACHE_SECONDS) * 1000;
}

/** The partner's team, read at most once per cache time per container. */
function currentTeam(partnerId: string): Promise<Team | undefined> {
  return teams.read(partnerId, clock.now().getTime(), () => teamReader().team(partnerId));
}

/** Drops this container's copy of a team, after a change to it here (the change shows at once in this container). */
export function forgetTeam(partnerId: string): void {
  teams.forget(partnerId);
}

/**
 * The membership check of every partner route, a named step of the middy stack right after the token
 * check: the caller must be a member of the partner its token names (read per request, cached per
 * container for at most `MAX_MEMBERSHIP_CACHE_SECONDS`), else 403 `not_a_member`; its role must be
 * one the route table gives the route, else 403 `role_not_allowed`. The principal then carries the
 * member id and role.
 */
export function partnerMembership(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const partnerMembershipBefore = async (request: { event: APIGatewayProxyEventV2 }): Promise<void> => {
    const principal = principalOf(request.event);
    if (principal.kind !== 'partner') return;
    if (principal.apiKey) {
      // An API key is no member: its key check already held it to its partner and the route's scope; its partner's limit still counts it.
      await countPartnerRequest(request.event, principal.partnerId);
      return;
    }
    // The team read (on a cache miss) and the partner's rate-limit count are independent: made together,
    // a cache miss costs one more request but no more time than the count alone. A refusal of the
    // membership check still comes first, as when the two ran one after the other.
    const [read, count] = await Promise.allSettled([currentTeam(principal.partnerId), countPartnerRequest(request.event, principal.partnerId)]);
    if (read.status === 'rejected') throw read.reason;
    const team = read.value;
    const member = team && memberByEmail(team, principal.email);
    if (!member) throw new NotPermittedError('not_a_member', 'You are not a member of this partner\'s team', {});
    if (!rolesOfRoute(request.event.routeKey).includes(member.role)) {
      throw new NotPermittedError('role_not_allowed', 'Your role in the team does not allow this operation', { role: member.role });
    }
    const authorizer = (request.event.requestContext as unknown as { authorizer: { principal: Principal } }).authorizer;
    authorizer.principal = { ...principal, memberId: member.memberId, role: member.role };
    if (count.status === 'rejected') throw count.reason;
  };
  return { before: partnerMembershipBefore };
}
