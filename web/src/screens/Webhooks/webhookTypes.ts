/** The webhook shapes the screen shows, from the generated API schema, and the event types in the order the screen lists them. */
import type { paths } from '../../api/schema';
import type { WebhookCatalogue } from '../../i18n/webhooks/catalogue';

/** One endpoint as `GET /webhooks` lists it. */
export type Endpoint = paths['/webhooks']['get']['responses'][200]['content']['application/json']['items'][number];
/** An endpoint with its secret, as adding it or rotating its secret answers (the one time the secret is shown). */
export type EndpointWithSecret = paths['/webhooks']['post']['responses'][201]['content']['application/json'];
/** An event type an endpoint may subscribe to. */
export type EventType = Endpoint['events'][number];
/** One logged delivery attempt. */
export type DeliveryAttempt = paths['/webhooks/{id}/deliveries']['get']['responses'][200]['content']['application/json']['items'][number];

/** Every event type, in the order of the form and the list (TypeScript holds the object to the API's list). */
export const EVENT_TYPES = Object.keys({
  'invitation.accepted': null,
  'invitation.declined': null,
  'invitation.expired': null,
  'client.blocked': null,
  'client.unblocked': null,
  'client.deleted': null,
  'budget.threshold_crossed': null,
  'budget.anomaly': null,
  'bulk_operation.completed': null,
} satisfies Record<EventType, null>) as EventType[];

/** An event type in plain words (the test event too); a type the catalogue does not know yet stays as the API names it. */
export function eventName(type: string, words: WebhookCatalogue): string {
  return words.eventWords[type] ?? type;
}

/** Why an attempt got no answer, in words (`timeout`, `connection_failed`, `address_refused`). */
export function noAnswerReason(error: string | null, words: WebhookCatalogue): string {
  return (error && words.reasons[error]) || words.noAnswer;
}
