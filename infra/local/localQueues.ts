import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/EventBridgePublisher';
import { jobMessageBody } from '../../shared/domain/webhooks/consumeDeliveryQueue';
import type { DeliveryJob } from '../../shared/domain/webhooks/deliverWebhookEvents';
import type { DeliveryQueue } from '../../shared/ports/DeliveryQueue';
import type { DomainEvent } from '../../shared/ports/EventPublisher';
import type { QueueSpec } from '../../shared/routeTable';

/** How many times a message is received before it goes to the dead letters: as in AWS (`QUEUE_MAX_RECEIVE_COUNT`). */
const MAX_RECEIVES = 5;
/** A message that failed is visible again after this long on the local clock (AWS: the 360 s visibility timeout). */
const VISIBILITY_MS = 360_000;

interface Message {
  readonly messageId: string;
  readonly body: string;
  visibleAt: number;
  receives: number;
}

type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * One queue of the local stack, standing in for SQS in memory: messages become visible after their
 * delay on the local clock (so advancing the clock brings a retry due), a failed message comes back
 * after the visibility timeout and goes to `deadLetters` after 5 receives, as the redrive policy does.
 */
export class LocalQueue implements DeliveryQueue {
  public readonly deadLetters: string[] = [];
  private readonly messages: Message[] = [];
  private sequence = 0;
  private draining: Promise<void> = Promise.resolve();

  public constructor(private readonly spec: QueueSpec, private readonly handler: () => Promise<QueueHandler>, private readonly now: () => number) {}

  /** Puts a message on the queue, visible after `delaySeconds`. */
  public send(body: string, delaySeconds = 0): void {
    this.sequence += 1;
    this.messages.push({ messageId: `local-${this.sequence}`, body, visibleAt: this.now() + delaySeconds * 1000, receives: 0 });
  }

  public async enqueue(job: DeliveryJob, delaySeconds: number): Promise<void> {
    this.send(jobMessageBody(job), delaySeconds);
  }

  /** The rule's stand-in: a domain event of the spec's types, as EventBridge's SQS target would put it. */
  public publish(event: DomainEvent): void {
    if (!this.spec.eventTypes.includes(event.type)) return;
    this.send(JSON.stringify({
      version: '0', id: `local-${event.id}`, 'detail-type': event.type, source: EVENT_SOURCE, account: '000000000000',
      time: event.at.toISOString(), region: 'local', resources: [], detail: { id: event.id, ...event.detail },
    }));
  }

  /** Messages still on the queue (waiting or visible), not counting dead letters. */
  public get depth(): number {
    return this.messages.length;
  }

  /** Hands the visible messages to the consumer in batches of 10 until none is visible now; one drain at a time. */
  public drain(): Promise<void> {
    this.draining = this.draining.then(() => this.drainNow(), () => this.drainNow());
    return this.draining;
  }

  private async drainNow(): Promise<void> {
    const handle = await this.handler();
    for (;;) {
      const now = this.now();
      const batch = this.messages.filter((message) => message.visibleAt <= now).slice(0, 10);
      if (batch.length === 0) return;
      for (const message of batch) {
        message.receives += 1;
        message.visibleAt = now + VISIBILITY_MS;
      }
      let failed: Set<string>;
      try {
        const answer = await handle({ Records: batch.map((message) => recordOf(message)) });
        failed = new Set(answer.batchItemFailures.map((failure) => failure.itemIdentifier));
      } catch {
        failed = new Set(batch.map((message) => message.messageId));
      }
      for (const message of batch) {
        if (failed.has(message.messageId) && message.receives < MAX_RECEIVES) continue;
        this.messages.splice(this.messages.indexOf(message), 1);
        if (failed.has(message.messageId)) this.deadLetters.push(message.body);
      }
    }
  }
}

function recordOf(message: Message): SQSRecord {
  return {
    messageId: message.messageId, receiptHandle: message.messageId, body: message.body, md5OfBody: '', eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:local', awsRegion: 'local', messageAttributes: {},
    attributes: {
      ApproximateReceiveCount: String(message.receives), SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0',
    },
  };
}

/** The local stack's queues, one per spec, with a timer that drains them. */
export interface LocalQueues {
  /** Each queue by its consumer's handler name. */
  readonly byHandler: ReadonlyMap<string, LocalQueue>;
  /** Feeds a published domain event to every queue whose rule takes it. */
  publish(event: DomainEvent): void;
  /** Drains every queue now: what is due on the local clock is consumed. */
  drain(): Promise<void>;
  stop(): void;
}

/** Starts the queues of `specs`, consumed by their handlers under `functions/`, drained every `intervalMs`. */
export function startLocalQueues(specs: readonly QueueSpec[], options: { readonly now: () => number; readonly intervalMs: number }): LocalQueues {
  const byHandler = new Map(specs.map((spec) => [spec.handler, new LocalQueue(spec, async () => {
    const module = (await import(`../../functions/${spec.handler}`)) as { handler: QueueHandler };
    return module.handler;
  }, options.now)] as const));
  const drain = async (): Promise<void> => {
    await Promise.all([...byHandler.values()].map((queue) => queue.drain()));
  };
  const timer = setInterval(() => {
    drain().catch((error: unknown) => console.error('[queues] drain failed', error));
  }, options.intervalMs);
  return {
    byHandler,
    publish: (event) => {
      for (const queue of byHandler.values()) queue.publish(event);
    },
    drain,
    stop: () => clearInterval(timer),
  };
}
