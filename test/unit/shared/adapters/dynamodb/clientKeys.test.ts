import {
  accountLockKey, CLIENT_SORT_PREFIX, clientCountsKey, clientKey, clientListKey, clientSearchKey, clientSearchPartition, countedClientKey,
  partnerAccountKey, partnerStatusKey,
} from '../../../../../shared/adapters/dynamodb/clientKeys';

describe('clientKeys', () => {
  it('puts a client, and the marker of its account, in its partner\'s partition', () => {
    expect(clientKey('ptn_1', 'cli_1')).toEqual({ pk: 'PARTNER#ptn_1', sk: 'CLIENT#cli_1' });
    expect(partnerAccountKey('ptn_1', 'acc-1')).toEqual({ pk: 'PARTNER#ptn_1', sk: 'ACCOUNT#acc-1' });
  });

  it('keeps a partner\'s counts and each client\'s counted status in its partition, apart from the client items the stream consumer reads', () => {
    expect(clientCountsKey('ptn_1')).toEqual({ pk: 'PARTNER#ptn_1', sk: 'CLIENT_COUNTS' });
    expect(countedClientKey('ptn_1', 'cli_1')).toEqual({ pk: 'PARTNER#ptn_1', sk: 'COUNTED#cli_1' });
    expect(clientKey('ptn_1', 'cli_1').sk.startsWith(CLIENT_SORT_PREFIX)).toBe(true);
    for (const { sk } of [clientCountsKey('ptn_1'), countedClientKey('ptn_1', 'cli_1'), partnerAccountKey('ptn_1', 'acc-1')]) {
      expect(sk.startsWith(CLIENT_SORT_PREFIX)).toBe(false);
    }
  });

  it('keys the account lock by the account alone, so two partners compete for the same item', () => {
    expect(accountLockKey('acc-1')).toEqual({ pk: 'ACCOUNT#acc-1', sk: 'PARTNER' });
  });

  it('sorts listing keys by creation time, then id', () => {
    const earlier = clientListKey(new Date('2026-03-01T09:00:00Z'), 'cli_b');
    const later = clientListKey(new Date('2026-03-01T10:00:00Z'), 'cli_a');
    expect([later, earlier].sort()).toEqual([earlier, later]);
    expect(partnerStatusKey('ptn_1', 'active')).toBe('ptn_1#active');
  });

  it('keeps each partner\'s search entries of one prefix in one partition, newest first by the listing key', () => {
    const listKey = clientListKey(new Date('2026-03-01T10:00:00Z'), 'cli_a');
    expect(clientSearchKey('ptn_1', 'iva', listKey)).toEqual({ pk: 'SEARCH#ptn_1#iva', sk: listKey });
    expect(clientSearchPartition('ptn_2', 'iva')).not.toBe(clientSearchKey('ptn_1', 'iva', listKey).pk);
  });
});
