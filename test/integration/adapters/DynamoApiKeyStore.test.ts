import { randomUUID } from 'node:crypto';
import { DynamoApiKeyStore } from '../../../shared/adapters/dynamodb/DynamoApiKeyStore';
import type { ApiKey } from '../../../shared/domain/apiKeys/ApiKey';
import { useLocalTables } from '../../support/localTables';

const tables = useLocalTables();

function keyOf(partnerId: string, createdAt: string): ApiKey {
  return {
    keyId: `key_${randomUUID().replaceAll('-', '')}`, partnerId, name: 'CRM', scopes: ['clients:read', 'finance:read'], secretHash: 'ab'.repeat(32),
    createdAt: new Date(createdAt), createdBy: 'mbr_1', expiresAt: new Date('2027-12-06T09:00:00.000Z'),
  };
}

describe('DynamoApiKeyStore', () => {
  it('stores a key, finds it by id and lists the partner\'s keys newest first', async () => {
    const store = new DynamoApiKeyStore(tables.documentClient());
    const partnerId = `ptn_${randomUUID()}`;
    const older = keyOf(partnerId, '2026-12-01T09:00:00.000Z');
    const newer = keyOf(partnerId, '2026-12-02T09:00:00.000Z');
    await store.create(older);
    await store.create(newer);
    await store.create(keyOf(`ptn_${randomUUID()}`, '2026-12-03T09:00:00.000Z'));

    expect(await store.get(older.keyId)).toEqual(older);
    expect((await store.list(partnerId)).map((key) => key.keyId)).toEqual([newer.keyId, older.keyId]);
    await expect(store.create(older)).rejects.toThrow();
  });

  it('revokes only the partner\'s own key, keeping the first revocation time', async () => {
    const store = new DynamoApiKeyStore(tables.documentClient());
    const key = keyOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z');
    await store.create(key);

    expect(await store.revoke('ptn_other', key.keyId, new Date('2026-12-05T09:00:00.000Z'))).toBeUndefined();
    expect(await store.revoke(key.partnerId, 'key_unknown', new Date())).toBeUndefined();
    expect((await store.revoke(key.partnerId, key.keyId, new Date('2026-12-05T09:00:00.000Z')))?.revokedAt).toEqual(new Date('2026-12-05T09:00:00.000Z'));
    expect((await store.revoke(key.partnerId, key.keyId, new Date('2026-12-06T09:00:00.000Z')))?.revokedAt).toEqual(new Date('2026-12-05T09:00:00.000Z'));
    expect(await store.get('key_unknown')).toBeUndefined();
  });

  it('records a use at most once per minute, and never for an unknown key', async () => {
    const store = new DynamoApiKeyStore(tables.documentClient());
    const key = keyOf(`ptn_${randomUUID()}`, '2026-12-01T09:00:00.000Z');
    await store.create(key);
    const at = (iso: string) => new Date(iso);

    await store.recordUse(key.keyId, at('2026-12-06T09:00:30.000Z'), at('2026-12-06T08:59:30.000Z'));
    await store.recordUse(key.keyId, at('2026-12-06T09:01:00.000Z'), at('2026-12-06T09:00:00.000Z'));
    expect((await store.get(key.keyId))?.lastUsedAt).toEqual(at('2026-12-06T09:00:30.000Z'));
    await store.recordUse(key.keyId, at('2026-12-06T09:01:31.000Z'), at('2026-12-06T09:00:31.000Z'));
    expect((await store.get(key.keyId))?.lastUsedAt).toEqual(at('2026-12-06T09:01:31.000Z'));

    await store.recordUse('key_unknown', at('2026-12-06T09:01:31.000Z'), at('2026-12-06T09:00:31.000Z'));
    expect(await store.get('key_unknown')).toBeUndefined();
  });
});
