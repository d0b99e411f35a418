import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryQueue } from '../../ports/DeliveryQueue';
import { jobMessageBody } from '../../domain/webhooks/consumeDeliveryQueue';
import { type DeliveryJob, MAX_QUEUE_DELAY_SECONDS } from '../../domain/webhooks/deliverWebhookEvents';
import { clientTimeoutConfig, REQUEST_CALL_TIMEOUTS } from '../aws/callTimeouts';

/**
 * Queues webhook delivery jobs on SQS (`SendMessage`) with `DelaySeconds` for the wait before the next
 * attempt: at most 900 s, SQS's limit per message (longer waits are hops of the job, see the consumer).
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  public constructor(private readonly client: SQSClient, private readonly queueUrl: string) {}

  /** The queue named by `WEBHOOK_QUEUE_URL`, with the function's own credentials and the SDK clients' time-outs. */
  public static fromEnv(env = process.env): SqsDeliveryQueue {
    if (!env.WEBHOOK_QUEUE_URL) throw new Error('WEBHOOK_QUEUE_URL is not set');
    return new SqsDeliveryQueue(new SQSClient(clientTimeoutConfig(REQUEST_CALL_TIMEOUTS)), env.WEBHOOK_QUEUE_URL);
  }

  public async enqueue(job: DeliveryJob, delaySeconds: number): Promise<void> {
    const delay = Math.min(Math.max(Math.ceil(delaySeconds), 0), MAX_QUEUE_DELAY_SECONDS);
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: jobMessageBody(job), DelaySeconds: delay }));
  }
}
