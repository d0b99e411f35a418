import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { webhookConsumerDeps } from '../shared/adapters/compositionRoot';
import { consumeQueuedMessage, queuedMessageOf } from '../shared/domain/webhooks/consumeDeliveryQueue';

/**
 * The webhook queue's consumer (issue 33): domain events from the bus are fanned out into one job per
 * subscribed endpoint, jobs are attempted (signed, SSRF-checked, logged) and a failure is queued
 * again with its backoff delay. A message that throws is reported alone (`ReportBatchItemFailures`):
 * SQS redelivers it after the visibility timeout, and its DLQ keeps it after the receives allowed.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = webhookConsumerDeps();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = queuedMessageOf(record.body);
    if (!message) continue;
    try {
      await consumeQueuedMessage(deps, message);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
