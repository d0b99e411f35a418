import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { clock, rateLimiter } from '../adapters/compositionRoot';
import { principalOf } from './Principal';

/**
 * Requests a partner may make per minute across its routes, its team's consoles and its API keys together,
 * unless `PARTNER_REQUESTS_PER_MINUTE` says otherwise: 10 a second. A person clicking through the console
 * makes ≈ 40 a minute at most (2–5 reads a screen and the unread count), so a team of a dozen at work stays
 * under it; each API key has its own 60 a minute besides (docs/decisions.md, "A partner's limit is a team's").
 */
export const DEFAULT_PARTNER_REQUESTS_PER_MINUTE = 600;

/**
 * Per-partner rate limit: a fixed one-minute window shared by all the partner's users and all
 * containers (DynamoDB counter). Over the limit the request is refused with 429 and `Retry-After`
 * before it does anything. Put it first in a route's middlewares (it needs the verified principal).
 *
 * @example
 * export const handler = partnerRoute({ query: listClientsQuery, middlewares: [partnerRateLimit()] }, async ({ principal, query }) => ({
 *   status: 200,
 *   body: await clientListing().list(principal.partnerId, query),
 * }));
 */
export function partnerRateLimit(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const partnerRateLimitBefore = async (request: { event: APIGatewayProxyEventV2 }): Promise<void> => {
    const principal = principalOf(request.event);
    if (principal.kind !== 'partner' || counted.has(request.event)) return;
    await countPartnerRequest(request.event, principal.partnerId);
  };
  return { before: partnerRateLimitBefore };
}

/** Requests already counted against their partner's limit (by the membership step, which counts in parallel with its read). */
const counted = new WeakSet<APIGatewayProxyEventV2>();

/** Counts one request against its partner's per-minute limit (429 `rate_limited` over it), once per request. */
export async function countPartnerRequest(event: APIGatewayProxyEventV2, partnerId: string): Promise<void> {
  counted.add(event);
  const limit = Number(process.env.PARTNER_REQUESTS_PER_MINUTE ?? DEFAULT_PARTNER_REQUESTS_PER_MINUTE);
  await rateLimiter().take(`partner:${partnerId}`, { limit, windowMs: 60_000 }, clock.now());
}
