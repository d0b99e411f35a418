import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { clock, partners } from '../adapters/compositionRoot';
import { NotPermittedError } from '../domain/errors';
import type { PartnerState } from '../domain/partners/PartnerStanding';
import { ContainerCache } from './containerCache';
import { principalOf } from './Principal';

/**
 * How long a container trusts a partner's state it read, unless `PARTNER_STANDING_CACHE_SECONDS`
 * says less: a suspension reaches every container within this time. Never more than 60 s, the
 * promise made to managers ("refused within a minute").
 */
export const MAX_STANDING_CACHE_SECONDS = 60;

/** Default of the cache: half the promise, so a state read just before a change is gone well within it. */
export const DEFAULT_STANDING_CACHE_SECONDS = 30;

/** Most partners a container remembers (oldest forgotten first). */
const MAX_REMEMBERED_PARTNERS = 1000;

/** Partner states this container read (a partner without a record is remembered too: it is refused nothing). */
const knownStates = /* @__PURE__ */ new ContainerCache<PartnerState>({ ttlMs: () => cacheMs(), maxEntries: MAX_REMEMBERED_PARTNERS, remembersAbsent: true });

function cacheMs(env = process.env): number {
  const configured = Number(env.PARTNER_STANDING_CACHE_SECONDS ?? DEFAULT_STANDING_CACHE_SECONDS);
  const seconds = Number.isFinite(configured) ? Math.min(Math.max(configured, 0), MAX_STANDING_CACHE_SECONDS) : DEFAULT_STANDING_CACHE_SECONDS;
  return seconds * 1000;
}

/** The partner's state, from this container's cache while fresh, else one read of its record. */
function stateOf(partnerId: string, now: number): Promise<PartnerState | undefined> {
  return knownStates.read(partnerId, now, async () => (await partners().get(partnerId))?.state);
}

/**
 * The partner-standing step of every partner route's stack (after authentication, before the
 * rate limit and the handler): the people of a suspended partner are refused with 403
 * `partner_suspended`, of an ended one with 403 `partner_ended`, within `MAX_STANDING_CACHE_SECONDS`
 * of the change. Only the partner's people: its clients (console users) never pass here.
 *
 * @example
 * middy(handler).use(authenticate('partner')).use(partnerStanding());
 */
export function partnerStanding(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const partnerStandingBefore = async (request: { event: APIGatewayProxyEventV2 }): Promise<void> => {
    const principal = principalOf(request.event);
    if (principal.kind !== 'partner') return;
    const state = await stateOf(principal.partnerId, clock.now().getTime());
    if (state === 'suspended') {
      throw new NotPermittedError('partner_suspended', 'Your partner account is suspended by the partner department; your clients are not affected. Contact the partner department.');
    }
    if (state === 'ended') throw new NotPermittedError('partner_ended', 'Your partnership has ended; this account is closed.');
  };
  return { before: partnerStandingBefore };
}

/** Forgets every remembered state (tests). */
export function forgetPartnerStandings(): void {
  knownStates.clear();
}
