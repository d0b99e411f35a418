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

  it('keeps each attempt\'s message (time and data) for a replay, and reads entries logged without one', async () => {
    const store = new DynamoWebhookStore(tables.documentClient());
    const endpoint = endpointOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z');
    await store.create(endpoint);
    const bare: DeliveryAttempt = {
      messageId: 'msg_1', endpointId: endpoint.endpointId, eventType: 'client.blocked', at: new Date('2026-12-06T09:00:00.000Z'), attempt: 1,
      outcome: 'succeeded', responseStatus: 204, latencyMs: 9,
    };
    const kept: DeliveryAttempt = {
      ...bare, messageId: 'aud_2', at: new Date('2026-12-06T09:01:00.000Z'), occurredAt: new Date('2026-12-06T08:59:00.000Z'),
      data: { eventId: 'aud_2', clientId: 'cli_1', before: 'active', after: 'blocked', counts: { done: 1 } },
    };
    await store.logAttempt(endpoint.partnerId, bare);
    await store.logAttempt(endpoint.partnerId, kept);

    expect(await store.attempts(endpoint.partnerId, endpoint.endpointId)).toEqual([kept, bare]);
  });

  it('disables an enabled endpoint once: a second disabler, or one of a removed endpoint, gets false', async () => {
    const store = new DynamoWebhookStore(tables.documentClient());
    const endpoint = { ...endpointOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z'), failingSince: new Date('2026-12-05T09:00:00.000Z') };
    await store.create(endpoint);

    const outcomes = await Promise.all([store.disable(endpoint.partnerId, endpoint.endpointId), store.disable(endpoint.partnerId, endpoint.endpointId)]);

    expect(outcomes.sort()).toEqual([false, true]);
    expect(await store.endpoint(endpoint.partnerId, endpoint.endpointId)).toEqual({ ...endpoint, status: 'disabled' });
    expect(await store.disable('ptn_other', endpoint.endpointId)).toBe(false);
    await store.remove(endpoint.partnerId, endpoint.endpointId);
    expect(await store.disable(endpoint.partnerId, endpoint.endpointId)).toBe(false);
    expect(await store.endpoint(endpoint.partnerId, endpoint.endpointId)).toBeUndefined();
  });
});
