import { randomUUID } from 'node:crypto';
import { DynamoWebhookStore } from '../../../shared/adapters/dynamodb/DynamoWebhookStore';
import type { DeliveryAttempt, WebhookEndpoint } from '../../../shared/domain/webhooks/WebhookEndpoint';
import { useLocalTables } from '../../support/localTables';

const tables = useLocalTables();

function endpointOf(partnerId: string, createdAt: string): WebhookEndpoint {
  return {
    endpointId: `whe_${randomUUID().replaceAll('-', '')}`, partnerId, url: 'https://crm.example.com/hooks', events: ['client.blocked'],
    secret: 'whsec_c2VjcmV0', status: 'enabled', createdAt: new Date(createdAt),
  };
}

describe('DynamoWebhookStore', () => {
  it('keeps a partner\'s endpoints apart from another\'s, oldest first, and changes or removes only existing ones', async () => {
    const store = new DynamoWebhookStore(tables.documentClient());
    const partnerId = `ptn_${randomUUID()}`;
    const first = endpointOf(partnerId, '2026-12-01T09:00:00.000Z');
    const second = endpointOf(partnerId, '2026-12-02T09:00:00.000Z');
    await store.create(second);
    await store.create(first);
    await store.create(endpointOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z'));

    expect((await store.endpoints(partnerId)).map((e) => e.endpointId)).toEqual([first.endpointId, second.endpointId]);
    const rotated = { ...first, secret: 'whsec_bmV3', previousSecret: { secret: first.secret, until: new Date('2026-12-07T09:00:00.000Z') } };
    expect(await store.update(rotated)).toBe(true);
    expect(await store.endpoint(partnerId, first.endpointId)).toEqual(rotated);
    expect(await store.endpoint('ptn_other', first.endpointId)).toBeUndefined();
    expect(await store.remove(partnerId, first.endpointId)).toBe(true);
    expect(await store.remove(partnerId, first.endpointId)).toBe(false);
    expect(await store.update(rotated)).toBe(false);
    await expect(store.create(second)).rejects.toThrow();
  });

  it('logs attempts per endpoint, newest first', async () => {
    const store = new DynamoWebhookStore(tables.documentClient());
    const endpoint = endpointOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z');
    await store.create(endpoint);
    const attempt = (at: string, n: number): DeliveryAttempt => ({
      messageId: 'msg_1', endpointId: endpoint.endpointId, eventType: 'client.blocked', at: new Date(at), attempt: n,
      outcome: n === 2 ? 'succeeded' : 'failed', responseStatus: n === 2 ? 200 : null, latencyMs: 12, ...(n === 1 && { error: 'timeout' }),
    });
    await store.logAttempt(endpoint.partnerId, attempt('2026-12-06T09:00:00.000Z', 1));
    await store.logAttempt(endpoint.partnerId, attempt('2026-12-06T09:00:10.000Z', 2));

    expect(await store.attempts(endpoint.partnerId, endpoint.endpointId)).toEqual([attempt('2026-12-06T09:00:10.000Z', 2), attempt('2026-12-06T09:00:00.000Z', 1)]);
    expect(await store.attempts(endpoint.partnerId, 'whe_other')).toEqual([]);
  });
});
