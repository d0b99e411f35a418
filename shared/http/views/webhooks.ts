/** How the API shows webhook endpoints and their logs (times in ISO-8601 UTC; a secret only where the caller asked for a new one). */
import type * as z from 'zod/mini';
import { type DeliveryAttempt, deliveryIdOf, type WebhookEndpoint } from '../../domain/webhooks/WebhookEndpoint';
import type { deliveryAttemptView, webhookEndpointView } from '../docs/webhooks';

/** Renders an endpoint without its secret. */
export function toWebhookEndpointView(endpoint: WebhookEndpoint, now: Date): z.infer<typeof webhookEndpointView> {
  const until = endpoint.previousSecret?.until;
  return {
    id: endpoint.endpointId,
    url: endpoint.url,
    events: [...endpoint.events],
    status: endpoint.status,
    createdAt: endpoint.createdAt.toISOString(),
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    previousSecretUntil: until && until.getTime() > now.getTime() ? until.toISOString() : null,
  };
}

/** Renders one attempt of a log. */
export function toDeliveryAttemptView(attempt: DeliveryAttempt): z.infer<typeof deliveryAttemptView> {
  return {
    deliveryId: deliveryIdOf(attempt),
    messageId: attempt.messageId,
    eventType: attempt.eventType,
    at: attempt.at.toISOString(),
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    responseStatus: attempt.responseStatus,
    latencyMs: Math.round(attempt.latencyMs),
    error: attempt.error ?? null,
  };
}
