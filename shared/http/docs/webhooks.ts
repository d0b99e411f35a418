/** OpenAPI docs of the webhook routes (build time only). */
import * as z from 'zod/mini';
import { MAX_LOGGED_ATTEMPTS, MAX_WEBHOOK_ENDPOINTS } from '../../domain/webhooks/WebhookEndpoint';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/WebhookEvent';
import type { OperationDocs } from '../openapi';
import { idParams } from '../schemas/idParams';
import { createWebhookBody, deliveryParams } from '../schemas/webhooks';

/** An endpoint as the owner and admins see it: never its secret, except in the answers that create or rotate it. */
export const webhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  status: z.enum(['enabled', 'disabled']),
  createdAt: z.iso.datetime(),
  /** The first failed delivery since the last success; `null` while deliveries succeed. */
  failingSince: z.nullable(z.iso.datetime()),
  /** Until when the secret a rotation replaced still signs beside the new one; `null` outside a rotation. */
  previousSecretUntil: z.nullable(z.iso.datetime()),
});

/** The partner's endpoints. */
export const webhookEndpointListView = z.object({ items: z.array(webhookEndpointView), maxEndpoints: z.number().check(z.int()) });

/** An endpoint with its signing secret, shown this once. */
export const webhookEndpointWithSecretView = z.object({ ...webhookEndpointView.shape, secret: z.string() });

/** One delivery attempt of an endpoint's log. */
export const deliveryAttemptView = z.object({
  /** This entry's stable id (`dlv_…`): what a replay names. */
  deliveryId: z.string(),
  /** `webhook-id`: the same for every attempt of one event at this endpoint. */
  messageId: z.string(),
  eventType: z.string(),
  at: z.iso.datetime(),
  attempt: z.number().check(z.int()),
  outcome: z.enum(['succeeded', 'failed']),
  /** The receiver's HTTP status; `null` without an answer. */
  responseStatus: z.nullable(z.number().check(z.int())),
  latencyMs: z.number().check(z.int()),
  /** Why there was no answer: `address_refused`, `timeout`, `connection_failed`. */
  error: z.nullable(z.string()),
});

/** An endpoint's log, newest first. */
export const deliveryLogView = z.object({ items: z.array(deliveryAttemptView) });

/** A replay queued: the message (the same `webhook-id`) and the endpoint it goes to. */
export const deliveryReplayView = z.object({ messageId: z.string(), endpointId: z.string(), queued: z.literal(true) });

const endpointExample = {
  id: 'whe_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f', url: 'https://crm.volkova-it.example/hooks/partnerdesk', events: ['client.blocked', 'invitation.accepted'],
  status: 'enabled', createdAt: '2026-12-06T09:30:00.000Z', failingSince: null, previousSecretUntil: null,
} as const;

const secretExample = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwXq9vK2mW7tR=';

const attemptExample = {
  deliveryId: 'dlv_3f8a1c5e7b9d2f4a6c8e0b1d3f5a7c9e',
  messageId: 'msg_2b9d7f5e3c1a4e6b8d0f2a4c6e8b0d1f', eventType: 'webhook.test', at: '2026-12-06T09:31:00.000Z', attempt: 1, outcome: 'succeeded',
  responseStatus: 204, latencyMs: 84, error: null,
} as const;

/** Docs of the webhook routes. */
export const webhookOperations: OperationDocs = {
  'POST /webhooks': {
    summary: 'Register a webhook endpoint',
    description: `Register an https endpoint for some event types (owner and admins, at most ${MAX_WEBHOOK_ENDPOINTS}: 422 \`webhook_endpoints_full\`). ` +
      'Its host must resolve only to public addresses (422 `webhook_address_refused`; checked again before each delivery). The answer ' +
      'holds the signing secret (`whsec_…`) this once. Deliveries are signed as Standard Webhooks specifies.',
    tag: 'Webhooks', body: createWebhookBody, response: webhookEndpointWithSecretView, success: { 201: 'The endpoint, with its secret shown once' },
    examples: { body: { url: endpointExample.url, events: [...endpointExample.events] }, response: { ...endpointExample, secret: secretExample } },
    errors: ['webhook_endpoints_full', 'webhook_address_refused'],
  },
  'GET /webhooks': {
    summary: 'Your webhook endpoints',
    description: 'Every webhook endpoint of your partner with its event types and status (owner and admins); never a secret.',
    tag: 'Webhooks', response: webhookEndpointListView, success: { 200: 'The endpoints' },
    examples: { response: { items: [endpointExample], maxEndpoints: MAX_WEBHOOK_ENDPOINTS } },
  },
  'DELETE /webhooks/{id}': {
    summary: 'Remove a webhook endpoint',
    description: 'Remove an endpoint (owner and admins): nothing more is delivered to it.',
    tag: 'Webhooks', params: idParams, success: { 204: 'Removed' }, examples: {}, errors: ['not_found'],
  },
  'POST /webhooks/{id}/secret': {
    summary: 'Rotate an endpoint\'s secret',
    description: 'Give an endpoint a new signing secret, shown this once (owner and admins). For 24 hours deliveries carry two ' +
      'signatures, by the new and the old secret, so the receiver can switch without losing one.',
    tag: 'Webhooks', params: idParams, response: webhookEndpointWithSecretView, success: { 200: 'The endpoint, with its new secret shown once' },
    examples: { response: { ...endpointExample, previousSecretUntil: '2026-12-07T09:30:00.000Z', secret: secretExample } },
    errors: ['not_found'],
  },
  'POST /webhooks/{id}/test': {
    summary: 'Send a test event',
    description: 'Send a signed `webhook.test` event to the endpoint now (owner and admins) and answer how it went; the attempt joins the log.',
    tag: 'Webhooks', params: idParams, response: deliveryAttemptView, success: { 200: 'The attempt' },
    examples: { response: attemptExample }, errors: ['not_found'],
  },
  'GET /webhooks/{id}/deliveries': {
    summary: 'An endpoint\'s delivery log',
    description: `The endpoint's last ${MAX_LOGGED_ATTEMPTS} delivery attempts, newest first, with status, latency and the receiver's answer (owner and admins).`,
    tag: 'Webhooks', params: idParams, response: deliveryLogView, success: { 200: 'The log' },
    examples: { response: { items: [attemptExample] } }, errors: ['not_found'],
  },
  'POST /webhooks/{id}/deliveries/{deliveryId}/replay': {
    summary: 'Replay one delivery',
    description: 'Queue one delivery of the endpoint\'s log again (owner and admins): the same message with the same `webhook-id`, ' +
      'signed afresh with the endpoint\'s current secret, delivered within seconds as a new attempt in the log (retried like any ' +
      'other if it fails). An entry not in the log (or another partner\'s endpoint) is 404; a disabled endpoint is 409 ' +
      '`webhook_endpoint_disabled` (enable it first).',
    tag: 'Webhooks', params: deliveryParams, response: deliveryReplayView, success: { 202: 'Queued' },
    examples: { response: { messageId: attemptExample.messageId, endpointId: endpointExample.id, queued: true } },
    errors: ['not_found', 'webhook_endpoint_disabled'],
  },
  'POST /webhooks/{id}/enable': {
    summary: 'Enable a disabled endpoint',
    description: 'Enable an endpoint disabled after 24 hours of failed deliveries (owner and admins): events from now on reach it ' +
      'again and its failure clock starts anew; deliveries missed meanwhile can be replayed from its log. An endpoint already enabled ' +
      'is answered as it is.',
    tag: 'Webhooks', params: idParams, response: webhookEndpointView, success: { 200: 'The endpoint, enabled' },
    examples: { response: endpointExample }, errors: ['not_found'],
  },
};

/** What every delivery's `data` may hold: ids and statuses (the audit trail's ids), never a secret or token. */
const clientChangeData = z.object({
  /** The domain event's id: for a client change, the id of its audit entry; also the delivery's `webhook-id`. */
  eventId: z.string(), clientId: z.string(), accountId: z.optional(z.string()), before: z.string(), after: z.string(),
  /** Who made the change: `partner` (a member or an API key), `invitee` or `system`. */
  actor: z.string(),
});
const invitationExpiredData = z.object({
  eventId: z.string(), clientId: z.string(), invitationId: z.string(), accountId: z.optional(z.string()), expiresAt: z.iso.datetime(), expiredAt: z.iso.datetime(),
});
const invitationAnsweredData = (answeredAt: 'acceptedAt' | 'declinedAt') => z.object({
  /** The id of the audit entry of the answer (the audit trail shows it). */
  eventId: z.string(), clientId: z.string(), invitationId: z.string(), accountId: z.optional(z.string()), [answeredAt]: z.iso.datetime(),
});
const bulkCompletedData = z.object({
  /** The confirmation's id (`opc_…`), the same as `operationId`: one event per confirmed bulk operation. */
  eventId: z.string(), operationId: z.string(), operation: z.enum(['block', 'unblock', 'delete']),
  /** Who confirmed it: `partner` (a member or an API key). */
  actor: z.string(),
  confirmedAt: z.iso.datetime(), total: z.number().check(z.int()),
  /** How many of the named clients ended each way (the clients' own events carry each one's audit entry). */
  counts: z.object({ done: z.number().check(z.int()), skipped: z.number().check(z.int()), notFound: z.number().check(z.int()), failed: z.number().check(z.int()) }),
});
const budgetData = z.looseObject({ eventId: z.string(), clientId: z.string(), month: z.string(), alert: z.string() });
const testData = z.object({ endpointId: z.string() });

/** One webhook's payload: the Standard Webhooks envelope with the event's type and data. */
function envelope(type: string, data: z.ZodMiniType) {
  return z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data });
}

const clientExample = (after: string) => ({
  eventId: 'aud_2026-12-06T09:30:00.000Z_4d2b0f8e', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', accountId: 'acc-7a1f2c3d4e5f60718293',
  before: 'active', after, actor: 'partner',
});

/** The payloads delivered to webhook endpoints, by event type (the document's `x-webhooks`). */
export const webhookPayloadDocs: Readonly<Record<string, { readonly summary: string; readonly schema: z.ZodMiniType; readonly example: unknown }>> = {
  'client.blocked': { summary: 'A client was blocked', schema: envelope('client.blocked', clientChangeData), example: { type: 'client.blocked', timestamp: '2026-12-06T09:30:00.000Z', data: clientExample('blocked') } },
  'client.unblocked': { summary: 'A client was unblocked', schema: envelope('client.unblocked', clientChangeData), example: { type: 'client.unblocked', timestamp: '2026-12-06T09:30:00.000Z', data: { ...clientExample('active'), before: 'blocked' } } },
  'client.deleted': { summary: 'A client was deleted (detached from you)', schema: envelope('client.deleted', clientChangeData), example: { type: 'client.deleted', timestamp: '2026-12-06T09:30:00.000Z', data: clientExample('detached') } },
  'invitation.accepted': {
    summary: 'The cloud account\'s owner accepted an invitation: the client is active',
    schema: envelope('invitation.accepted', invitationAnsweredData('acceptedAt')),
    example: {
      type: 'invitation.accepted', timestamp: '2026-12-06T09:30:00.000Z',
      data: { eventId: 'aud_5c3e1a9f7b2d4c6e8a0f1b3d5e7a9c2b', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', invitationId: 'inv_1', accountId: 'acc-7a1f2c3d4e5f60718293', acceptedAt: '2026-12-06T09:30:00.000Z' },
    },
  },
  'invitation.declined': {
    summary: 'The cloud account\'s owner declined an invitation',
    schema: envelope('invitation.declined', invitationAnsweredData('declinedAt')),
    example: {
      type: 'invitation.declined', timestamp: '2026-12-06T09:30:00.000Z',
      data: { eventId: 'aud_8e6c4a2f0d1b3e5c7a9f2b4d6e8a0c1d', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', invitationId: 'inv_1', accountId: 'acc-7a1f2c3d4e5f60718293', declinedAt: '2026-12-06T09:30:00.000Z' },
    },
  },
  'invitation.expired': {
    summary: 'An invitation expired unanswered',
    schema: envelope('invitation.expired', invitationExpiredData),
    example: {
      type: 'invitation.expired', timestamp: '2026-12-06T09:30:00.000Z',
      data: { eventId: 'inv_1.expired', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', invitationId: 'inv_1', expiresAt: '2026-12-06T09:00:00.000Z', expiredAt: '2026-12-06T09:15:00.000Z' },
    },
  },
  'budget.threshold_crossed': {
    summary: 'A client\'s month spend crossed a threshold of its budget',
    schema: envelope('budget.threshold_crossed', budgetData),
    example: { type: 'budget.threshold_crossed', timestamp: '2026-12-06T09:30:00.000Z', data: { eventId: 'ntf_1', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', month: '2026-12', alert: 'threshold:80', percent: 80 } },
  },
  'budget.anomaly': {
    summary: 'A client\'s day spend is far above its usual',
    schema: envelope('budget.anomaly', budgetData),
    example: { type: 'budget.anomaly', timestamp: '2026-12-06T09:30:00.000Z', data: { eventId: 'ntf_2', clientId: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b', month: '2026-12', alert: 'anomaly:2026-12-06' } },
  },
  'bulk_operation.completed': {
    summary: 'A confirmed block / unblock / delete of many clients completed',
    schema: envelope('bulk_operation.completed', bulkCompletedData),
    example: {
      type: 'bulk_operation.completed', timestamp: '2026-12-06T09:30:02.000Z',
      data: {
        eventId: 'opc_9d7b5f3e1c2a4e6b8d0f2a4c6e8b0d1f', operationId: 'opc_9d7b5f3e1c2a4e6b8d0f2a4c6e8b0d1f', operation: 'block', actor: 'partner',
        confirmedAt: '2026-12-06T09:30:00.000Z', total: 50, counts: { done: 47, skipped: 2, notFound: 1, failed: 0 },
      },
    },
  },
  'webhook.test': { summary: 'The test event', schema: envelope('webhook.test', testData), example: { type: 'webhook.test', timestamp: '2026-12-06T09:30:00.000Z', data: { endpointId: 'whe_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f' } } },
};
