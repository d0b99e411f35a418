/**
 * The events a partner's webhook endpoint may subscribe to (issue 33), named `<entity>.<what happened>`
 * as Standard Webhooks' examples do. Each is a domain event partnerdesk already publishes on its bus.
 */
export const WEBHOOK_EVENT_TYPES = [
  'invitation.accepted',
  'invitation.declined',
  'invitation.expired',
  'client.blocked',
  'client.unblocked',
  'client.deleted',
  'budget.threshold_crossed',
  'budget.anomaly',
  'bulk_operation.completed',
] as const;

/** One event type a webhook endpoint may subscribe to. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by the "test event" button only; no endpoint subscribes to it. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
