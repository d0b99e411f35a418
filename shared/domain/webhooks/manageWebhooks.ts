import type { Clock } from '../Clock';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../errors';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { IdGenerator } from '../IdGenerator';
import type { WebhookStore, WebhookTransport } from '../../ports/WebhookStore';
import { endpointUrlProblem } from './webhookAddress';
import { type DeliveryAttempt, deliveryIdOf, MAX_WEBHOOK_ENDPOINTS, SECRET_OVERLAP_MS, signingSecrets, type WebhookEndpoint } from './WebhookEndpoint';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT, type WebhookEventType } from './WebhookEvent';
import { issueWebhookSecret, webhookHeaders } from './webhookSignature';

/** What managing and delivering webhooks needs. */
export interface WebhookDeps {
  readonly store: WebhookStore;
  readonly transport: WebhookTransport;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Plain-http loopback endpoints are accepted (the local stack's setting, so tests can receive); never in AWS. */
  readonly allowLoopback: boolean;
}

/** One event for one endpoint: the envelope Standard Webhooks recommends (`type`, `timestamp`, `data`). */
export interface WebhookMessage {
  /** `webhook-id`, kept by every retry of this event at this endpoint. */
  readonly messageId: string;
  readonly type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  readonly occurredAt: Date;
  /** Ids and statuses only (the audit trail's ids), never a token or secret. */
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Registers an endpoint. Input: the partner, its URL and event types. Output: the endpoint, whose
 * secret the answer shows this once.
 * 1. The URL is https (loopback http only where allowed), without credentials (`validation_failed`).
 * 2. Its host resolves only to deliverable addresses (422 `webhook_address_refused`; SSRF).
 * 3. The partner has fewer than `MAX_WEBHOOK_ENDPOINTS` (422 `webhook_endpoints_full`).
 */
export async function registerEndpoint(deps: WebhookDeps, partnerId: string, request: { url: string; events: readonly WebhookEventType[] }): Promise<WebhookEndpoint> {
  const problem = endpointUrlProblem(request.url, deps.allowLoopback);
  if (problem) throw new ValidationError('The endpoint URL is not accepted', [{ path: 'body.url', message: problem }]);
  if (!(await deps.transport.resolvesSafely(request.url))) {
    throw new RuleViolationError('webhook_address_refused', 'The endpoint\'s host resolves to a private, loopback, link-local or metadata address');
  }
  const existing = await deps.store.endpoints(partnerId);
  if (existing.length >= MAX_WEBHOOK_ENDPOINTS) {
    throw new RuleViolationError('webhook_endpoints_full', `A partner has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`, { max: MAX_WEBHOOK_ENDPOINTS });
  }
  const endpoint: WebhookEndpoint = {
    endpointId: deps.ids.next('whe'), partnerId, url: request.url, events: [...new Set(request.events)], secret: issueWebhookSecret(),
    status: 'enabled', createdAt: deps.clock.now(),
  };
  await deps.store.create(endpoint);
  return endpoint;
}

/** One of the partner's endpoints, or `not_found`. */
export async function endpointOf(deps: Pick<WebhookDeps, 'store'>, partnerId: string, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await deps.store.endpoint(partnerId, endpointId);
  if (!endpoint) throw new NotFoundError('Webhook endpoint', { endpointId });
  return endpoint;
}

/** Removes one of the partner's endpoints with its log. */
export async function removeEndpoint(deps: Pick<WebhookDeps, 'store'>, partnerId: string, endpointId: string): Promise<void> {
  if (!(await deps.store.remove(partnerId, endpointId))) throw new NotFoundError('Webhook endpoint', { endpointId });
}

/** Gives an endpoint a new secret; the old one keeps signing beside it for `SECRET_OVERLAP_MS`. Output: the endpoint with the new secret (shown once). */
export async function rotateSecret(deps: Pick<WebhookDeps, 'store' | 'clock'>, partnerId: string, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await endpointOf(deps, partnerId, endpointId);
  const rotated: WebhookEndpoint = {
    ...endpoint, secret: issueWebhookSecret(), previousSecret: { secret: endpoint.secret, until: new Date(deps.clock.now().getTime() + SECRET_OVERLAP_MS) },
  };
  if (!(await deps.store.update(rotated))) throw new NotFoundError('Webhook endpoint', { endpointId });
  return rotated;
}

/** The body of a message, exactly as signed and sent. */
export function messageBody(message: WebhookMessage): string {
  return JSON.stringify({ type: message.type, timestamp: message.occurredAt.toISOString(), data: message.data });
}

/**
 * Makes one attempt to deliver a message to an endpoint: signs it with every secret that signs now,
 * POSTs it through the transport (which re-checks the address), logs the attempt, and keeps the
 * endpoint's `failingSince` (set by the first failure after a success, cleared by a success).
 */
export async function attemptDelivery(deps: Pick<WebhookDeps, 'store' | 'transport' | 'clock'>, endpoint: WebhookEndpoint, message: WebhookMessage, attempt: number): Promise<DeliveryAttempt> {
  const at = deps.clock.now();
  const body = messageBody(message);
  const result = await deps.transport.post(endpoint.url, { 'content-type': 'application/json', ...webhookHeaders(signingSecrets(endpoint, at), message.messageId, at, body) }, body);
  const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
  const logged: DeliveryAttempt = {
    messageId: message.messageId, endpointId: endpoint.endpointId, eventType: message.type, at, attempt, outcome: succeeded ? 'succeeded' : 'failed',
    responseStatus: result.status, latencyMs: result.latencyMs, ...(result.error && { error: result.error }),
    occurredAt: message.occurredAt, data: message.data,
  };
  await deps.store.logAttempt(endpoint.partnerId, logged);
  if (succeeded === (endpoint.failingSince !== undefined)) {
    const { failingSince: _cleared, ...rest } = endpoint;
    await deps.store.update(succeeded ? rest : { ...endpoint, failingSince: at });
  }
  return logged;
}

/** Sends the `webhook.test` event to one of the partner's endpoints now (one attempt, logged like any other). */
export async function sendTestEvent(deps: WebhookDeps, partnerId: string, endpointId: string): Promise<DeliveryAttempt> {
  const endpoint = await endpointOf(deps, partnerId, endpointId);
  const now = deps.clock.now();
  return attemptDelivery(deps, endpoint, { messageId: deps.ids.next('msg'), type: WEBHOOK_TEST_EVENT, occurredAt: now, data: { endpointId } }, 1);
}

/**
 * The partner enables an endpoint again (after it was disabled for 24 hours of failures). Output: the
 * endpoint, `enabled`, with no `failingSince` (its next failure starts a new 24 hours); one already
 * enabled is answered as it is. Only events from now on reach it: what was dropped meanwhile can be replayed.
 */
export async function enableEndpoint(deps: Pick<WebhookDeps, 'store'>, partnerId: string, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await endpointOf(deps, partnerId, endpointId);
  if (endpoint.status === 'enabled') return endpoint;
  const { failingSince: _cleared, ...rest } = endpoint;
  const enabled: WebhookEndpoint = { ...rest, status: 'enabled' };
  if (!(await deps.store.update(enabled))) throw new NotFoundError('Webhook endpoint', { endpointId });
  return enabled;
}

/** The domain event that asks the webhook queue's consumer to deliver one logged message again (the bus carries it to the queue). */
export const WEBHOOK_REPLAY_EVENT = 'WebhookDeliveryReplayRequested';

/** What asking for a replay needs: the logs, and the bus that carries the request to the delivery queue. */
export interface ReplayDeps {
  readonly store: WebhookStore;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const REPLAYABLE_TYPES: ReadonlySet<string> = new Set([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT]);

/**
 * Queues one logged delivery again. Input: the partner, the endpoint, the log entry's `deliveryId`.
 * Output: the message id (the same `webhook-id`) and the endpoint.
 * 1. The endpoint must be the partner's, and the entry in its log with the message kept (`not_found`).
 * 2. The endpoint must be enabled (`webhook_endpoint_disabled`: enable it first).
 * 3. The request goes on the bus to the delivery queue: its consumer makes one more attempt of the
 *    same message, signed afresh with the endpoint's secrets at that time, logged as a new attempt
 *    (and retried on the schedule if it fails).
 */
export async function replayDelivery(deps: ReplayDeps, partnerId: string, endpointId: string, deliveryId: string): Promise<{ messageId: string; endpointId: string }> {
  const endpoint = await endpointOf(deps, partnerId, endpointId);
  const attempts = await deps.store.attempts(partnerId, endpointId);
  const logged = attempts.find((attempt) => deliveryIdOf(attempt) === deliveryId);
  if (!logged?.occurredAt || !logged.data || !REPLAYABLE_TYPES.has(logged.eventType)) throw new NotFoundError('Webhook delivery', { deliveryId });
  if (endpoint.status !== 'enabled') {
    throw new ConflictError('webhook_endpoint_disabled', 'This endpoint is disabled; enable it before replaying a delivery', { endpointId });
  }
  const attempt = Math.max(...attempts.filter((entry) => entry.messageId === logged.messageId).map((entry) => entry.attempt)) + 1;
  await deps.events.publish({
    id: deps.ids.next('rpl'),
    type: WEBHOOK_REPLAY_EVENT,
    at: deps.clock.now(),
    detail: { partnerId, endpointId, messageId: logged.messageId, type: logged.eventType, occurredAt: logged.occurredAt.toISOString(), data: logged.data, attempt },
  });
  return { messageId: logged.messageId, endpointId };
}
