import type { DeliveryJob } from '../domain/webhooks/deliverWebhookEvents';

/** The queue of webhook delivery jobs (SQS in AWS): a job comes back to the consumer after its delay. */
export interface DeliveryQueue {
  /** Queues a job, delivered to the consumer after `delaySeconds` (0–900, SQS's `DelaySeconds`). */
  enqueue(job: DeliveryJob, delaySeconds: number): Promise<void>;
}
