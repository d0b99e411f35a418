import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountLockKey } from '../../shared/adapters/dynamodb/clientKeys';
import { DynamoAccountOwners } from '../../shared/adapters/dynamodb/DynamoAccountOwners';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/DynamoAuditTrail';
import { DynamoLedger } from '../../shared/adapters/dynamodb/DynamoLedger';
import { DynamoSpendStore } from '../../shared/adapters/dynamodb/DynamoSpendStore';
import { DAY_SHARDS } from '../../shared/adapters/dynamodb/spendKeys';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import type { BillingEvent } from '../../shared/domain/balances/BillingEvent';
import { FixedClock } from '../../shared/domain/Clock';
import { money } from '../../shared/domain/Money';
import { DEFAULT_THRESHOLDS, type Budget } from '../../shared/domain/spend/Budget';
import { recordBillingEvents } from '../../shared/domain/balances/recordBillingEvents';
import type { SpendAlert } from '../../shared/domain/spend/SpendAlert';
import type { ServedAccount } from '../../shared/ports/SpendStore';
import { useLocalTables } from '../support/localTables';

const tables = useLocalTables();
const clock = new FixedClock('2026-03-20T12:00:00Z');

function ids() {
  const tag = randomBytes(6).toString('hex');
  return { partnerId: `ptn_${tag}`, clientId: `cli_${tag}`, accountId: `acc-${tag}${tag.slice(0, 8)}` };
}

function debit(accountId: string, transactionId: string, amount: number, occurredAt: string): BillingEvent {
  return { transactionId, accountId, type: 'debit', amount: money(amount, 'RUB'), occurredAt: new Date(occurredAt), service: 'compute' };
}

function served({ partnerId, clientId, accountId }: ReturnType<typeof ids>): Map<string, ServedAccount> {
  return new Map([[accountId, { accountId, partnerId, clientId, since: new Date('2026-01-01T00:00:00Z') }]]);
}

function alert(partnerId: string, clientId: string, key = 'threshold#50-actual'): SpendAlert {
  return { partnerId, clientId, month: '2026-03', key, kind: 'threshold', facts: { threshold: { percent: 50, basis: 'actual' }, spend: money(500, 'RUB'), budget: money(1_000, 'RUB') } };
}

describe('spend control on DynamoDB Local', () => {
  it('counts a served debit once in the client month and the partner day, in the ledger transaction, whatever the repeats', async () => {
    const who = ids();
    const deps = { ledger: new DynamoLedger(tables.documentClient()), clock };
    const events = [debit(who.accountId, `${who.clientId}-1`, 700, '2026-03-19T10:00:00Z'), debit(who.accountId, `${who.clientId}-2`, 300, '2026-03-20T10:00:00Z')];
    await recordBillingEvents(deps, events, served(who));
    await recordBillingEvents(deps, [...events].reverse(), served(who));
    // Not served: it counts in the ledger only.
    await recordBillingEvents(deps, [debit(who.accountId, `${who.clientId}-3`, 5, '2026-03-20T11:00:00Z')]);

    const store = new DynamoSpendStore(tables.documentClient());
    expect((await store.clientMonth(who.partnerId, who.clientId, '2026-03')).spend).toEqual(money(1_000, 'RUB'));
    expect((await store.partnerDays(who.partnerId, '2026-03-01', '2026-03-31')).sort((a, b) => a.day.localeCompare(b.day))).toEqual([
      { day: '2026-03-19', spend: money(700, 'RUB') }, { day: '2026-03-20', spend: money(300, 'RUB') },
    ]);
  });

  it('sums a partner day over its shards (one query) and orders clients by month spend, a page at a time', async () => {
    const partnerId = `ptn_${randomBytes(6).toString('hex')}`;
    const deps = { ledger: new DynamoLedger(tables.documentClient()), clock };
    const clients = Array.from({ length: 5 }, (_, n) => ({ partnerId, clientId: `cli_${n}_${randomBytes(3).toString('hex')}`, accountId: `acc-${randomBytes(10).toString('hex')}` }));
    for (const [n, client] of clients.entries()) {
      await recordBillingEvents(deps, [debit(client.accountId, `${client.clientId}-x`, (n + 1) * 100, '2026-03-20T09:00:00Z')], served(client));
    }
    const store = new DynamoSpendStore(tables.documentClient());
    expect(await store.partnerDays(partnerId, '2026-03-20', '2026-03-20')).toEqual([{ day: '2026-03-20', spend: money(1_500, 'RUB') }]);
    expect(DAY_SHARDS).toBeGreaterThan(1);

    const first = await store.clientsBySpend(partnerId, '2026-03', { limit: 2 });
    expect(first.items.map((each) => each.spend.amount)).toEqual([500, 400]);
    const second = await store.clientsBySpend(partnerId, '2026-03', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((each) => each.spend.amount)).toEqual([300, 200]);
    const third = await store.clientsBySpend(partnerId, '2026-03', { limit: 2, cursor: second.nextCursor });
    expect(third.items.map((each) => each.spend.amount)).toEqual([100]);
    expect(third.nextCursor).toBeUndefined();
    await expect(store.clientsBySpend('ptn_other', '2026-03', { limit: 2, cursor: first.nextCursor })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('orders the balances of accounts the partner serves, lowest first, a page at a time', async () => {
    const partnerId = `ptn_${randomBytes(6).toString('hex')}`;
    const deps = { ledger: new DynamoLedger(tables.documentClient()), clock };
    const clients = Array.from({ length: 3 }, (_, n) => ({ partnerId, clientId: `cli_b${n}_${randomBytes(3).toString('hex')}`, accountId: `acc-${randomBytes(10).toString('hex')}` }));
    for (const [n, client] of clients.entries()) {
      await recordBillingEvents(deps, [debit(client.accountId, `${client.clientId}-b`, [300, 100, 200][n]!, '2026-03-20T09:00:00Z')], served(client));
    }
    // An account billed while nobody serves it is not in any partner's order.
    await recordBillingEvents(deps, [debit(`acc-${randomBytes(10).toString('hex')}`, `${partnerId}-free`, 999, '2026-03-20T09:00:00Z')]);
    const store = new DynamoSpendStore(tables.documentClient());
    const first = await store.clientsByBalance(partnerId, { limit: 2 });
    expect(first.items.map((each) => each.balance.amount)).toEqual([-300, -200]);
    expect(first.items[0]).toEqual({ clientId: clients[0]!.clientId, accountId: clients[0]!.accountId, balance: money(-300, 'RUB') });
    const second = await store.clientsByBalance(partnerId, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((each) => each.balance.amount)).toEqual([-100]);
    await expect(store.clientsBySpend(partnerId, '2026-03', { limit: 2, cursor: first.nextCursor })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('fires an alert once however many evaluations race for it, with one notification and one unread count', async () => {
    const { partnerId, clientId } = ids();
    const store = new DynamoSpendStore(tables.documentClient());
    const fired = await Promise.all(Array.from({ length: 6 }, () => store.fire(alert(partnerId, clientId), clock.now())));
    expect(fired.filter((id) => id !== undefined)).toHaveLength(1);
    const month = await store.clientMonth(partnerId, clientId, '2026-03');
    expect([...month.fired.keys()]).toEqual(['threshold#50-actual']);
    expect(month.fired.get('threshold#50-actual')?.delivered).toBe(false);
    await store.markDelivered(alert(partnerId, clientId));
    expect((await store.clientMonth(partnerId, clientId, '2026-03')).fired.get('threshold#50-actual')?.delivered).toBe(true);

    const page = await store.listNotifications(partnerId, { limit: 10 });
    expect(page.items).toEqual([expect.objectContaining({ clientId, kind: 'threshold', month: '2026-03', read: false, facts: alert(partnerId, clientId).facts })]);
    expect(await store.unreadCount(partnerId)).toBe(1);
    const id = page.items[0]!.id;
    expect(await store.markRead('ptn_other', id)).toBe(false);
    expect(await store.markRead(partnerId, id)).toBe(true);
    expect(await store.markRead(partnerId, id)).toBe(true);
    expect(await store.unreadCount(partnerId)).toBe(0);
    expect(await store.markRead(partnerId, 'ntf_not-a-real-one')).toBe(false);
    expect(await store.since(partnerId, new Date('2026-03-01T00:00:00Z'), 5)).toHaveLength(1);
  });

  it('keeps a month of one client apart from a client whose id it begins with', async () => {
    const { partnerId } = ids();
    const store = new DynamoSpendStore(tables.documentClient());
    await store.fire(alert(partnerId, 'cli_10'), clock.now());
    expect((await store.clientMonth(partnerId, 'cli_1', '2026-03')).fired.size).toBe(0);
  });

  it('stores budgets with their audit entries, lists them (default last) and removes them', async () => {
    const { partnerId, clientId } = ids();
    const store = new DynamoSpendStore(tables.documentClient());
    const budget: Budget = {
      partnerId, scope: { kind: 'client', clientId }, amount: money(10_000, 'RUB'), thresholds: DEFAULT_THRESHOLDS, alertEmails: ['a@b.example'],
      blockAtLimit: true, updatedAt: clock.now(), updatedBy: 'usr_1',
    };
    const audit = { id: `aud_${clientId}`, partnerId, clientId, at: clock.now(), actor: { kind: 'partner', id: 'usr_1' }, action: 'set_budget', before: 'active', after: 'active' } as const;
    await store.save([{ budget, audit }, { budget: { ...budget, scope: { kind: 'default' } } }]);
    const found = await store.budgetsFor(partnerId, [clientId, 'cli_none']);
    expect(found.clients.get(clientId)).toEqual(budget);
    expect(found.fallback?.scope).toEqual({ kind: 'default' });
    expect((await store.listBudgets(partnerId, { limit: 10 })).items.map((each) => each.scope.kind)).toEqual(['client', 'default']);
    expect((await new DynamoAuditTrail(tables.documentClient()).list(partnerId, { limit: 5 })).items).toEqual([expect.objectContaining({ action: 'set_budget', clientId })]);
    expect(await store.remove({ partnerId, clientId })).toBe(true);
    expect(await store.remove({ partnerId, clientId })).toBe(false);
  });

  it('tells who serves an account from its lock on the clients table', async () => {
    const { partnerId, clientId, accountId } = ids();
    await tables.documentClient().send(new PutCommand({
      TableName: physicalTableName('clients'), Item: { ...accountLockKey(accountId), partnerId, clientId, since: '2026-02-01T00:00:00.000Z' },
    }));
    const owners = await new DynamoAccountOwners(tables.documentClient()).servedAccounts([accountId, 'acc-unknownunknown0000']);
    expect([...owners.values()]).toEqual([{ accountId, partnerId, clientId, since: new Date('2026-02-01T00:00:00Z') }]);
  });
});
