import type { Clock } from '../Clock';
import type { DomainEvent } from '../../ports/EventPublisher';
import type { WebhookStore, WebhookTransport } from '../../ports/WebhookStore';
import { retryDelaySeconds, endpointToDisable } from './deliverySchedule';
import { attemptDelivery, type WebhookMessage } from './manageWebhooks';
import type { WebhookEventType } from './WebhookEvent';

/**
 * From the domain events on the bus to deliveries at partners' endpoints (issue 33): each event a
 * partner's endpoint subscribes to becomes one delivery job per endpoint, whose message id is the
 * event's id (the audit entry's id for client changes), kept by every retry.
 */

/** The domain event types that become webhook events, and their names there. */
export const WEBHOOK_EVENT_OF_DOMAIN_EVENT: Readonly<Record<string, WebhookEventType>> = {
  ClientBlocked: 'client.blocked',
  ClientUnblocked: 'client.unblocked',
  ClientDetached: 'client.deleted',
  ClientInvitationAccepted: 'invitation.accepted',
  ClientInvitationDeclined: 'invitation.declined',
  ClientInvitationExpired: 'invitation.expired',
  ClientBudgetThresholdReached: 'budget.threshold_crossed',
  ClientSpendAnomaly: 'budget.anomaly',
  BulkClientOperationCompleted: 'bulk_operation.completed',
};

/** One message for one endpoint, and which attempt comes next (queued with a delay until `notBefore`). */
export interface DeliveryJob {
  readonly partnerId: string;
  readonly endpointId: string;
  readonly message: { readonly messageId: string; readonly type: WebhookMessage['type']; readonly occurredAt: string; readonly data: Readonly<Record<string, unknown>> };
  readonly attempt: number;
  /** ISO time before which the attempt is not made (a queue delay is at most 15 minutes; a longer wait is queued again). */
  readonly notBefore: string;
}

/** What fan-out and delivery need. */
export interface DeliveryDeps {
  readonly store: WebhookStore;
  readonly transport: WebhookTransport;
  readonly clock: Clock;
}

/** The jobs of one domain event: one per enabled endpoint of its partner subscribed to its type; none for an event no webhook carries. */
export async function deliveryJobsOf(deps: Pick<DeliveryDeps, 'store' | 'clock'>, event: DomainEvent): Promise<DeliveryJob[]> {
  const type = WEBHOOK_EVENT_OF_DOMAIN_EVENT[event.type];
  const partnerId = event.detail.partnerId;
  if (!type || typeof partnerId !== 'string') return [];
  const endpoints = (await deps.store.endpoints(partnerId)).filter((endpoint) => endpoint.status === 'enabled' && endpoint.events.includes(type));
  const { partnerId: _partner, ...data } = event.detail;
  return endpoints.map((endpoint) => ({
    partnerId,
    endpointId: endpoint.endpointId,
    message: { messageId: event.id, type, occurredAt: event.at.toISOString(), data: { eventId: event.id, ...data } },
    attempt: 1,
    notBefore: deps.clock.now().toISOString(),
  }));
}

/**
 * The job of a replay request (`WEBHOOK_REPLAY_EVENT`, published by `replayDelivery`): the logged
 * message again, for its one endpoint, as the next attempt; `undefined` for a malformed request.
 */
export function replayJobOf(detail: Readonly<Record<string, unknown>>, now: Date): DeliveryJob | undefined {
  const { partnerId, endpointId, messageId, type, occurredAt, data, attempt } = detail;
  if (typeof partnerId !== 'string' || typeof endpointId !== 'string' || typeof messageId !== 'string' || typeof type !== 'string'
    || typeof occurredAt !== 'string' || typeof data !== 'object' || data === null || typeof attempt !== 'number') return undefined;
  return {
    partnerId, endpointId, attempt, notBefore: now.toISOString(),
    message: { messageId, type: type as WebhookMessage['type'], occurredAt, data: data as Readonly<Record<string, unknown>> },
  };
}

/** What became of a job: delivered, dropped (endpoint gone or disabled), retried later, given up, or the endpoint disabled now. */
export type JobOutcome =
  | { readonly kind: 'delivered' | 'dropped' | 'gave_up' }
  | { readonly kind: 'retry'; readonly next: DeliveryJob }
  | { readonly kind: 'disabled'; readonly partnerId: string; readonly endpointId: string };

/**
 * Runs one job whose time has come: one attempt (signed, SSRF-checked, logged). A failure is retried
 * on the backoff schedule; an endpoint that has failed everything for 24 hours is disabled (the
 * caller mails the partner), and its jobs are dropped from then on.
 */
export async function runDeliveryJob(deps: DeliveryDeps, job: DeliveryJob): Promise<JobOutcome> {
  const endpoint = await deps.store.endpoint(job.partnerId, job.endpointId);
  if (!endpoint || endpoint.status !== 'enabled') return { kind: 'dropped' };
  const message: WebhookMessage = { ...job.message, occurredAt: new Date(job.message.occurredAt) };
  const attempt = await attemptDelivery(deps, endpoint, message, job.attempt);
  if (attempt.outcome === 'succeeded') return { kind: 'delivered' };
  const failing = await deps.store.endpoint(job.partnerId, job.endpointId);
  const now = deps.clock.now();
  if (failing && endpointToDisable(failing.failingSince, now)) {
    // Of jobs failing at once, the one that disables it tells the partner; the others are dropped like later ones.
    if (await deps.store.disable(job.partnerId, job.endpointId)) return { kind: 'disabled', partnerId: job.partnerId, endpointId: job.endpointId };
    return { kind: 'dropped' };
  }
  const delay = retryDelaySeconds(job.attempt);
  if (delay === undefined) return { kind: 'gave_up' };
  return { kind: 'retry', next: { ...job, attempt: job.attempt + 1, notBefore: new Date(now.getTime() + delay * 1000).toISOString() } };
}

/** SQS delays a message by at most 15 minutes (`DelaySeconds` ≤ 900): a longer wait is spent in several hops. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** The delay to queue a job with now: until its `notBefore`, at most one queue hop. */
export function queueDelaySeconds(job: DeliveryJob, now: Date): number {
  const seconds = Math.ceil((new Date(job.notBefore).getTime() - now.getTime()) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_QUEUE_DELAY_SECONDS);
}
