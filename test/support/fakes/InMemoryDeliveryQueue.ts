import type { DeliveryJob } from '../../../shared/domain/webhooks/deliverWebhookEvents';
import type { DeliveryQueue } from '../../../shared/ports/DeliveryQueue';

/** A queue in memory: records each job with its delay, in order. */
export class InMemoryDeliveryQueue implements DeliveryQueue {
  public readonly queued: { job: DeliveryJob; delaySeconds: number }[] = [];

  public async enqueue(job: DeliveryJob, delaySeconds: number): Promise<void> {
    this.queued.push({ job, delaySeconds });
  }

  /** Takes the oldest queued entry. */
  public take(): { job: DeliveryJob; delaySeconds: number } | undefined {
    return this.queued.shift();
  }
}
