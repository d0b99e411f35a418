import type { DeliveryAttempt, WebhookEndpoint } from '../domain/webhooks/WebhookEndpoint';

/** Where partners' webhook endpoints and their delivery logs live. */
export interface WebhookStore {
  /** The partner's endpoints, oldest first. */
  endpoints(partnerId: string): Promise<WebhookEndpoint[]>;
  /** One of the partner's endpoints, or `undefined` (another partner's too). */
  endpoint(partnerId: string, endpointId: string): Promise<WebhookEndpoint | undefined>;
  /** Stores a new endpoint. */
  create(endpoint: WebhookEndpoint): Promise<void>;
  /** Replaces an endpoint that exists (secret rotation, status); `false` when it is gone. */
  update(endpoint: WebhookEndpoint): Promise<boolean>;
  /** Disables an enabled endpoint; `false` when it is gone or already disabled (of concurrent callers exactly one gets `true`). */
  disable(partnerId: string, endpointId: string): Promise<boolean>;
  /** Removes an endpoint and its log; `false` when the partner has no such endpoint. */
  remove(partnerId: string, endpointId: string): Promise<boolean>;
  /** Appends an attempt to the endpoint's log. */
  logAttempt(partnerId: string, attempt: DeliveryAttempt): Promise<void>;
  /** The endpoint's last attempts, newest first, at most `MAX_LOGGED_ATTEMPTS`. */
  attempts(partnerId: string, endpointId: string): Promise<DeliveryAttempt[]>;
}

/** What a POST to a receiver came back with. */
export interface TransportResult {
  /** `null` when there was no HTTP answer. */
  readonly status: number | null;
  readonly latencyMs: number;
  readonly error?: 'address_refused' | 'timeout' | 'connection_failed';
}

/**
 * Sends a signed delivery: resolves the URL's host, refuses it unless every address is deliverable
 * (SSRF), and connects to the address it checked (no second DNS answer in between).
 */
export interface WebhookTransport {
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<TransportResult>;
  /** Whether the URL's host resolves only to deliverable addresses (registration's check). */
  resolvesSafely(url: string): Promise<boolean>;
}
