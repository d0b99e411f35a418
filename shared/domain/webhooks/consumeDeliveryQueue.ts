import type { DeliveryQueue } from '../../ports/DeliveryQueue';
import { deliveryJobsOf, type DeliveryDeps, type DeliveryJob, queueDelaySeconds, replayJobOf, runDeliveryJob } from './deliverWebhookEvents';
import { WEBHOOK_REPLAY_EVENT } from './manageWebhooks';

/**
 * The webhook queue's consumer (issue 33). The queue carries two kinds of message: a domain event as
 * the EventBridge rule put it there (fanned out into one job per subscribed endpoint, each queued
 * on its own so that one endpoint's failure never repeats another's delivery), and a job (one
 * attempt at one endpoint; a failure queues the next attempt with its delay, the same `webhook-id`).
 * A partner's replay of one delivery comes from the bus too (`WEBHOOK_REPLAY_EVENT`): one job, for its endpoint.
 */

/** An EventBridge event as its rule hands it to an SQS target (the whole envelope is the body). */
export interface BusEnvelope {
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: Readonly<Record<string, unknown>> & { readonly id?: unknown };
}

/** One queued message: a domain event from the bus or a delivery job. */
export type QueuedMessage = { readonly kind: 'event'; readonly event: BusEnvelope } | { readonly kind: 'job'; readonly job: DeliveryJob };

/** What the consumer needs: the delivery's deps and the queue to put jobs back on. */
export interface ConsumerDeps extends DeliveryDeps {
  readonly queue: DeliveryQueue;
  /** Told when an endpoint was disabled after 24 h of failures (the partner's mail). */
  readonly onDisabled?: (partnerId: string, endpointId: string) => Promise<void>;
}

/** Reads a message body; `undefined` for one that is neither (dropped: retrying cannot mend it). */
export function queuedMessageOf(body: string): QueuedMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const value = parsed as Record<string, unknown>;
  if (typeof value.job === 'object' && value.job !== null) return { kind: 'job', job: value.job as DeliveryJob };
  if (typeof value['detail-type'] === 'string' && typeof value.time === 'string' && typeof value.detail === 'object' && value.detail !== null) {
    return { kind: 'event', event: value as unknown as BusEnvelope };
  }
  return undefined;
}

/** The body of a queued job. */
export function jobMessageBody(job: DeliveryJob): string {
  return JSON.stringify({ job });
}

/** Handles one queued message; throws when it must come back (the queue redelivers it, then its DLQ keeps it). */
export async function consumeQueuedMessage(deps: ConsumerDeps, message: QueuedMessage): Promise<void> {
  if (message.kind === 'event') {
    const { id, ...detail } = message.event.detail;
    if (typeof id !== 'string') return;
    if (message.event['detail-type'] === WEBHOOK_REPLAY_EVENT) {
      const replay = replayJobOf(detail, deps.clock.now());
      if (replay) await deps.queue.enqueue(replay, 0);
      return;
    }
    const jobs = await deliveryJobsOf(deps, { id, type: message.event['detail-type'], at: new Date(message.event.time), detail });
    // A failed enqueue throws: the event comes back and is fanned out again (at least once; the same webhook-id).
    for (const job of jobs) await deps.queue.enqueue(job, 0);
    return;
  }
  const job = message.job;
  const wait = queueDelaySeconds(job, deps.clock.now());
  if (wait > 0) {
    // Received before its time (a wait longer than one 15-minute queue hop): queued again with the rest.
    await deps.queue.enqueue(job, wait);
    return;
  }
  const outcome = await runDeliveryJob(deps, job);
  if (outcome.kind === 'retry') await deps.queue.enqueue(outcome.next, queueDelaySeconds(outcome.next, deps.clock.now()));
  if (outcome.kind === 'disabled') await deps.onDisabled?.(outcome.partnerId, outcome.endpointId);
}
