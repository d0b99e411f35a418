import type { DeliveryAttempt, WebhookEndpoint } from '../../../shared/domain/webhooks/WebhookEndpoint';
import type { TransportResult, WebhookStore, WebhookTransport } from '../../../shared/ports/WebhookStore';

/** `WebhookStore` in memory, mirroring `DynamoWebhookStore` (updates only of existing endpoints, logs newest first). */
export class InMemoryWebhookStore implements WebhookStore {
  private readonly stored = new Map<string, WebhookEndpoint>();
  private readonly logs: DeliveryAttempt[] = [];

  public async endpoints(partnerId: string): Promise<WebhookEndpoint[]> {
    return [...this.stored.values()].filter((e) => e.partnerId === partnerId).map((e) => structuredClone(e));
  }

  public async endpoint(partnerId: string, endpointId: string): Promise<WebhookEndpoint | undefined> {
    const endpoint = this.stored.get(endpointId);
    return endpoint?.partnerId === partnerId ? structuredClone(endpoint) : undefined;
  }

  public async create(endpoint: WebhookEndpoint): Promise<void> {
    if (this.stored.has(endpoint.endpointId)) throw new Error('exists');
    this.stored.set(endpoint.endpointId, structuredClone(endpoint));
  }

  public async update(endpoint: WebhookEndpoint): Promise<boolean> {
    if (!this.stored.has(endpoint.endpointId)) return false;
    this.stored.set(endpoint.endpointId, structuredClone(endpoint));
    return true;
  }

  public async disable(partnerId: string, endpointId: string): Promise<boolean> {
    const endpoint = this.stored.get(endpointId);
    if (endpoint?.partnerId !== partnerId || endpoint.status !== 'enabled') return false;
    this.stored.set(endpointId, { ...endpoint, status: 'disabled' });
    return true;
  }

  public async remove(partnerId: string, endpointId: string): Promise<boolean> {
    return this.stored.get(endpointId)?.partnerId === partnerId && this.stored.delete(endpointId);
  }

  public async logAttempt(_partnerId: string, attempt: DeliveryAttempt): Promise<void> {
    this.logs.unshift(structuredClone(attempt));
  }

  public async attempts(_partnerId: string, endpointId: string): Promise<DeliveryAttempt[]> {
    return this.logs.filter((a) => a.endpointId === endpointId).slice(0, 100);
  }
}

/** A receiver in memory: records what it got and answers the status it is told. */
export class RecordingWebhookTransport implements WebhookTransport {
  public readonly received: Array<{ url: string; headers: Readonly<Record<string, string>>; body: string }> = [];
  public status = 204;

  public async post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<TransportResult> {
    this.received.push({ url, headers, body });
    return { status: this.status, latencyMs: 1 };
  }

  public async resolvesSafely(): Promise<boolean> {
    return true;
  }
}
