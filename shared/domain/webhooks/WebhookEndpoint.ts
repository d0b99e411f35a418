import { createHash } from 'node:crypto';
import type { WebhookEventType } from './WebhookEvent';

/** Most endpoints a partner may register. */
export const MAX_WEBHOOK_ENDPOINTS = 5;

/** How long the replaced secret keeps signing after a rotation, beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/** Most delivery attempts an endpoint's log keeps (older ones are dropped). */
export const MAX_LOGGED_ATTEMPTS = 100;

/** A partner's webhook endpoint: where to POST which events, signed with its secret. */
export interface WebhookEndpoint {
  readonly endpointId: string;
  readonly partnerId: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  /** The signing secret (`whsec_…`): needed in the clear to sign, shown to the partner once. */
  readonly secret: string;
  /** The secret a rotation replaced, still signing until `until`. */
  readonly previousSecret?: { readonly secret: string; readonly until: Date };
  /** `disabled` after 24 hours of failed deliveries (the partner is mailed), until the partner enables it again. */
  readonly status: 'enabled' | 'disabled';
  readonly createdAt: Date;
  /** The first failure after the last success; absent while deliveries succeed. */
  readonly failingSince?: Date;
}

/** The secrets that sign a delivery at `now`: the current one, and the replaced one during its overlap. */
export function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  const previous = endpoint.previousSecret;
  return previous && previous.until.getTime() > now.getTime() ? [endpoint.secret, previous.secret] : [endpoint.secret];
}

/** One attempt to deliver one message to one endpoint, as its log shows it. */
export interface DeliveryAttempt {
  /** The message id (`webhook-id`): the same for every attempt of one event at one endpoint. */
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly at: Date;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly outcome: 'succeeded' | 'failed';
  /** The receiver's HTTP status; `null` when there was no answer (refused address, timeout, connection error). */
  readonly responseStatus: number | null;
  readonly latencyMs: number;
  /** Why it failed without an answer (`address_refused`, `timeout`, `connection_failed`). */
  readonly error?: string;
  /** When the event happened and its data: the message, kept so that the delivery can be replayed (absent on entries logged before replays). */
  readonly occurredAt?: Date;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * The stable id of one logged attempt (`dlv_…`), derived from what names it (endpoint, time, message,
 * attempt number), so an entry logged before the id existed has it too and every read agrees.
 */
export function deliveryIdOf(attempt: Pick<DeliveryAttempt, 'endpointId' | 'at' | 'messageId' | 'attempt'>): string {
  const named = `${attempt.endpointId}#${attempt.at.toISOString()}#${attempt.messageId}#${attempt.attempt}`;
  return `dlv_${createHash('sha256').update(named, 'utf8').digest('hex').slice(0, 32)}`;
}
