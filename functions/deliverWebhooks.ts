import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { webhookConsumerDeps } from '../shared/adapters/compositionRoot';
import { consumeQueuedMessage, queuedMessageOf } from '../shared/domain/webhooks/consumeDeliveryQueue';
import { publicBaseUrl } from '../shared/http/publicBaseUrl';

/**
 * The webhook queue's consumer (issue 33): domain events from the bus are fanned out into one job per
 * subscribed endpoint, jobs are attempted (side by side) (signed, SSRF-checked, logged) and a failure is queued
 * again with its backoff delay; an endpoint disabled after 24 h of failures is mailed to its partner. A message that throws is reported alone (`ReportBatchItemFailures`):
 * SQS redelivers it after the visibility timeout, and its DLQ keeps it after the receives allowed.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = webhookConsumerDeps(publicBaseUrl());
  // The batch's messages concern different endpoints: attempted side by side, each within the transport's timeout.
  const outcomes = await Promise.allSettled(event.Records.map(async (record) => {
    const message = queuedMessageOf(record.body);
    if (message) await consumeQueuedMessage(deps, message);
  }));
  return {
    batchItemFailures: event.Records.flatMap((record, index) => (outcomes[index]!.status === 'rejected' ? [{ itemIdentifier: record.messageId }] : [])),
  };
}
