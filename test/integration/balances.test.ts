import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { seedBalances } from '../../infra/local/seedBalances';
import { accountPartition } from '../../shared/adapters/dynamodb/ledgerKeys';
import { DynamoLedger } from '../../shared/adapters/dynamodb/DynamoLedger';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { FixedClock } from '../../shared/domain/Clock';
import { balanceDetail } from '../../shared/domain/balances/balanceDetail';
import type { BillingEvent } from '../../shared/domain/balances/BillingEvent';
import { clientBalance } from '../../shared/domain/balances/clientBalance';
import { expensesOnServices } from '../../shared/domain/balances/expensesOnServices';
import { recordBillingEvents } from '../../shared/domain/balances/recordBillingEvents';
import { money } from '../../shared/domain/Money';
import { deliveryArb, InMemoryClientLookup, periodArb, plainDetail, recomputeDetail, recomputeServiceTotals } from '../support/balances';
import { countRequests } from '../support/dynamoProbe';
import { useLocalTables } from '../support/localTables';

/** A page large enough for every movement these tests record. */
const EVERY_MOVEMENT = { limit: 500 };

const tables = useLocalTables();
const clock = new FixedClock('2026-03-20T12:00:00Z');
const PARTNER = 'ptn_balances';

/** A fresh account and the partner's active client on it. */
function account() {
  const accountId = `acc-${randomBytes(10).toString('hex')}`;
  const clientId = `cli_${accountId.slice(4)}`;
  const ledger = new DynamoLedger(tables.documentClient());
  const clients = new InMemoryClientLookup([{ clientId, partnerId: PARTNER, accountId, status: 'active', servedSince: new Date('2020-01-01T00:00:00Z') }]);
  return { accountId, clientId, ledger, deps: { ledger, clients, clock } };
}

function debit(accountId: string, transactionId: string, amount: number, occurredAt: string, service = 'compute'): BillingEvent {
  return { transactionId, accountId, type: 'debit', amount: money(amount, 'RUB'), occurredAt: new Date(occurredAt), service, resource: 'vm-1' };
}

async function accountItems(accountId: string) {
  const result = await tables.documentClient().send(new QueryCommand({
    TableName: physicalTableName('ledger'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': accountPartition(accountId) },
  }));
  return result.Items ?? [];
}

describe('DynamoLedger ingestion', () => {
  it('records an event once: sending it again changes no stored item', async () => {
    const { accountId, deps } = account();
    const event = debit(accountId, `t-${accountId}`, 120_00, '2026-03-01T21:30:00Z');
    expect(await recordBillingEvents(deps, [event])).toEqual([{ transactionId: event.transactionId, status: 'recorded' }]);
    const before = await accountItems(accountId);

    expect(await recordBillingEvents(deps, [event, { ...event }])).toEqual([
      { transactionId: event.transactionId, status: 'duplicate' },
      { transactionId: event.transactionId, status: 'duplicate' },
    ]);
    expect(await accountItems(accountId)).toEqual(before);
    expect(before.map((item) => item.sk).sort()).toEqual(['BALANCE', 'DAY#2026-03-02', 'MONTH#2026-03', 'SERVICE#2026-03-02#compute', 'YEAR#2026']);
  });

  it('counts a transaction once when 20 copies are submitted in parallel', async () => {
    const { accountId, clientId, deps } = account();
    const event = debit(accountId, `t-${accountId}`, 77_77, '2026-03-05T10:00:00Z');

    const results = (await Promise.all(Array.from({ length: 20 }, () => recordBillingEvents(deps, [event])))).flat();

    expect(results.filter((result) => result.status === 'recorded')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'duplicate')).toHaveLength(19);
    expect((await clientBalance(deps, PARTNER, clientId)).balance).toEqual(money(-77_77, 'RUB'));
    const detail = await balanceDetail(deps, PARTNER, clientId, { from: '2026-03-05', to: '2026-03-05' }, EVERY_MOVEMENT);
    expect(detail.days[0]).toMatchObject({ debits: money(77_77, 'RUB'), closing: money(-77_77, 'RUB') });
    const expenses = await expensesOnServices(deps, PARTNER, clientId, { from: '2026-03-05', to: '2026-03-05' });
    expect(expenses.services).toEqual([{ service: 'compute', total: money(77_77, 'RUB'), days: [{ day: '2026-03-05', amount: money(77_77, 'RUB') }] }]);
  });

  it('refuses a reused transactionId and a second currency, writing nothing for them', async () => {
    const { accountId, deps } = account();
    const first = debit(accountId, `t-${accountId}`, 10_00, '2026-03-01T10:00:00Z');
    await recordBillingEvents(deps, [first]);
    const before = await accountItems(accountId);

    const results = await recordBillingEvents(deps, [
      { ...first, amount: money(11_00, 'RUB') },
      { ...debit(accountId, `usd-${accountId}`, 5_00, '2026-03-02T10:00:00Z'), amount: money(5_00, 'USD') },
    ]);

    expect(results.map((result) => 'reason' in result && result.reason)).toEqual(['transaction_id_reused', 'currency_mismatch']);
    expect(await accountItems(accountId)).toEqual(before);
  });
});

describe('DynamoLedger reads', () => {
  it('gives the detail and expenses recomputed from raw events, whatever the order and repeats', async () => {
    await fc.assert(fc.asyncProperty(deliveryArb('acc-placeholder', 'txn', 25), periodArb, async ({ delivered }, period) => {
      const { accountId, clientId, deps } = account();
      const events = delivered.map((event) => ({ ...event, accountId, transactionId: `${accountId}-${event.transactionId}` }));
      await recordBillingEvents(deps, events);

      const [detail, expenses, balance] = await Promise.all([
        balanceDetail(deps, PARTNER, clientId, period, EVERY_MOVEMENT),
        expensesOnServices(deps, PARTNER, clientId, period),
        clientBalance(deps, PARTNER, clientId),
      ]);

      expect(plainDetail(detail)).toEqual(recomputeDetail(events, period));
      expect(Object.fromEntries(expenses.services.map((s) => [s.service, s.total.amount]))).toEqual(recomputeServiceTotals(events, period));
      expect(balance.balance.amount).toBe(recomputeDetail(events, { from: '2026-03-20', to: '2026-03-20' }).days[0]!.closing);
    }), { numRuns: 12 });
  }, 120_000);

  it('opens a period with everything before it, across years, months and days, in a bounded number of requests', async () => {
    const { accountId, clientId, deps, ledger } = account();
    const deposit = (id: string, amount: number, at: string): BillingEvent => ({
      transactionId: `${accountId}-${id}`, accountId, type: 'deposit', amount: money(amount, 'RUB'), occurredAt: new Date(at),
    });
    // Arrives newest first: every earlier day comes after the later days were already rolled up.
    await recordBillingEvents(deps, [
      debit(accountId, `${accountId}-d5`, 1, '2026-03-14T20:59:59.999Z'),
      debit(accountId, `${accountId}-d4`, 10, '2026-03-01T00:00:00Z'),
      deposit('d3', 100, '2026-02-10T12:00:00Z'),
      deposit('d2', 1_000, '2025-12-31T21:00:00Z'),
      deposit('d1', 10_000, '2024-06-01T12:00:00Z'),
    ]);
    const count = countRequests(tables.documentClient());

    const detail = await balanceDetail(deps, PARTNER, clientId, { from: '2026-03-15', to: '2026-03-16' }, EVERY_MOVEMENT);

    // 2024 + 2026-01 (the deposit at 21:00 UTC on Dec 31 is Jan 1 in Moscow) + February + March 1–14.
    expect(detail.opening).toEqual(money(10_000 + 1_000 + 100 - 10 - 1, 'RUB'));
    expect(detail.closing).toEqual(detail.opening);
    expect(count.byCommand()).toEqual({ GetItemCommand: 1, QueryCommand: 5 });
    count.stop();
    expect(await ledger.totalsBefore(accountId, '2026-01-01', 'RUB')).toEqual({
      debits: money(0, 'RUB'), deposits: money(10_000, 'RUB'), withdrawals: money(0, 'RUB'),
    });
  });

  it('reads the balances of 150 accounts in two batched calls, the same as one by one, leaving out accounts without events', async () => {
    const ledger = new DynamoLedger(tables.documentClient());
    const accounts = Array.from({ length: 150 }, () => account());
    await ledger.post(accounts.slice(0, 140).map(({ accountId }, n) => ({
      event: debit(accountId, `t-${accountId}`, 100 + n, '2026-03-01T10:00:00Z'), day: '2026-03-01', recordedAt: clock.now(),
    })));
    const ids = accounts.map(({ accountId }) => accountId);
    const count = countRequests(tables.documentClient());

    const balances = await ledger.balances([...ids, ids[0]!]);

    expect(count.byCommand()).toEqual({ BatchGetItemCommand: 2 });
    count.stop();
    expect(balances.size).toBe(140);
    for (const accountId of ids) expect(balances.get(accountId)).toEqual(await ledger.balance(accountId));
    expect(balances.get(ids[3]!)?.balance).toEqual(money(-(100 + 3), 'RUB'));
  });
});

describe('seedBalances', () => {
  it('imports the demo history once (a second run only finds duplicates) and the ledger agrees with itself', async () => {
    const [first, second] = [account(), account()];
    const options = { now: clock.now(), months: 1 };

    const imported = await seedBalances([first.accountId, second.accountId], options, first.deps);
    const again = await seedBalances([first.accountId, second.accountId], options, first.deps);

    expect(imported).toEqual({ events: imported.events, recorded: imported.events, duplicates: 0, rejected: 0 });
    expect(again).toEqual({ events: imported.events, recorded: 0, duplicates: imported.events, rejected: 0 });
    const balance = await clientBalance(second.deps, PARTNER, second.clientId);
    const detail = await balanceDetail(second.deps, PARTNER, second.clientId, { from: '2026-02-01', to: '2026-03-20' }, EVERY_MOVEMENT);
    expect(detail.opening).toEqual(money(0, 'RUB'));
    expect(detail.closing).toEqual(balance.balance);
    const expenses = await expensesOnServices(second.deps, PARTNER, second.clientId, { from: '2026-02-01', to: '2026-03-20' });
    expect(expenses.total).toEqual(detail.totals.debits);
  }, 120_000);
});

describe('"Detail" pages the movements (issue 26)', () => {
  const movement = (accountId: string, n: number): BillingEvent => ({
    transactionId: `m-${n}-${accountId}`, accountId, type: n % 3 === 0 ? 'withdrawal' : 'deposit', amount: money(100 + n, 'RUB'),
    occurredAt: new Date(Date.UTC(2026, 2, 1 + (n % 4), 9, n)),
  });

  it('hands out every movement once across pages, oldest first, with the whole day table on every page', async () => {
    const { accountId, clientId, deps } = account();
    const events = Array.from({ length: 11 }, (_, n) => movement(accountId, n));
    await recordBillingEvents(deps, events);
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const whole = await balanceDetail(deps, PARTNER, clientId, period, EVERY_MOVEMENT);

    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await balanceDetail(deps, PARTNER, clientId, period, { limit: 4, ...(cursor && { cursor }) });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);

    expect(pages.map((page) => page.movements.length)).toEqual([4, 4, 3]);
    expect(pages.flatMap((page) => page.movements)).toEqual(whole.movements);
    expect(whole.movements).toHaveLength(11);
    expect(whole.nextCursor).toBeUndefined();
    for (const page of pages) expect({ ...page, movements: [], nextCursor: undefined }).toEqual({ ...whole, movements: [], nextCursor: undefined });
    expect(pages[0]?.days).toHaveLength(31);
  });

  it('refuses a cursor of another period or another client as invalid_cursor', async () => {
    const first = account();
    const second = account();
    await recordBillingEvents(first.deps, Array.from({ length: 5 }, (_, n) => movement(first.accountId, n)));
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const { nextCursor } = await balanceDetail(first.deps, PARTNER, first.clientId, period, { limit: 2 });
    expect(nextCursor).toBeDefined();
    const cursor = nextCursor ?? '';
    const clients = new InMemoryClientLookup([
      { clientId: first.clientId, partnerId: PARTNER, accountId: first.accountId, status: 'active', servedSince: new Date('2020-01-01T00:00:00Z') },
      { clientId: second.clientId, partnerId: PARTNER, accountId: second.accountId, status: 'active', servedSince: new Date('2020-01-01T00:00:00Z') },
    ]);
    const deps = { ...first.deps, clients };

    await expect(balanceDetail(deps, PARTNER, first.clientId, { ...period, to: '2026-03-30' }, { limit: 2, cursor })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(balanceDetail(deps, PARTNER, second.clientId, period, { limit: 2, cursor })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(balanceDetail(deps, PARTNER, first.clientId, period, { limit: 2, cursor })).resolves.toMatchObject({ movements: [expect.anything(), expect.anything()] });
  });
});
