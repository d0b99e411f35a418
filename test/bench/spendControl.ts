import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, ingestDeps, portfolioDeps, spendStore } from '../../shared/adapters/compositionRoot';
import { batchPutAll } from '../../shared/adapters/dynamodb/batchCalls';
import { clientToItem } from '../../shared/adapters/dynamodb/clientItems';
import { balanceKey } from '../../shared/adapters/dynamodb/ledgerKeys';
import { accountLockKey } from '../../shared/adapters/dynamodb/clientKeys';
import { clientMonthKey, DAY_SHARDS, notificationSortKey, notificationsPartition, partnerDayKey, spendIndexPartition } from '../../shared/adapters/dynamodb/spendKeys';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import type { BillingEvent } from '../../shared/domain/balances/BillingEvent';
import { recordBillingEvents } from '../../shared/domain/balances/recordBillingEvents';
import { SystemClock } from '../../shared/domain/Clock';
import { advanceClient } from '../../shared/domain/clients/Client';
import { inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { money } from '../../shared/domain/Money';
import { addMoscowDays, moscowDay, moscowDayStart } from '../../shared/domain/moscowTime';
import { DEFAULT_THRESHOLDS } from '../../shared/domain/spend/Budget';
import { ingestBillingEvents } from '../../shared/domain/spend/ingestBillingEvents';
import { clientsByBalance, clientsBySpend, portfolio } from '../../shared/domain/spend/portfolio';
import { createPartner } from '../support/clientFixtures';
import { countRequests } from '../support/dynamoProbe';
import { mark, markdownTable } from './markdownTable';

/** Partner sizes of the home screen and the ordered list (issue 30: 100 and 100 000 clients); `BENCH_SPEND_SIZES` overrides. */
const SIZES = (process.env.BENCH_SPEND_SIZES ?? '100,100000').split(',').map(Number).filter((n) => n > 0);
/** The batch of billing events recorded (issue 30: 100), over this many served accounts. */
const EVENTS = 100;
const ACCOUNTS = 20;
/** Target: write units per event with budgets on ≤ 1.5× today's. */
const MAX_WRITE_RATIO = 1.5;
/** Seeding: items per batch of writes, batches in flight. */
const SEED_CHUNK = 500;
const SEED_PARALLEL = 8;

/**
 * Write units of the requests a DocumentClient sends (whether DynamoDB accepts them or not): 2 per
 * item of a transaction, 1 per single or batched write (items ≤ 1 KB, as all of these are), plus 1
 * per write of a client's month spend (its `bySpend` index entry changes with it) and of a served
 * account's balance (its `byPartnerBalance` entry).
 */
function countWriteUnits() {
  const name = `writeUnits-${randomBytes(4).toString('hex')}`;
  let units = 0;
  const indexWrite = (key: { pk?: unknown; sk?: unknown } | undefined, update?: string) => {
    const monthSpend = typeof key?.pk === 'string' && key.pk.startsWith('MONTH#') && typeof key.sk === 'string' && !key.sk.includes('#ALERT#');
    const servedBalance = key?.sk === 'BALANCE' && update?.includes('#servedBy') === true;
    return monthSpend || servedBalance ? 1 : 0;
  };
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        TransactItems?: Array<Record<string, { Key?: { pk?: unknown; sk?: unknown }; Item?: { pk?: unknown; sk?: unknown }; UpdateExpression?: string } | undefined>>;
        RequestItems?: Record<string, unknown[]>;
        Key?: { pk?: unknown; sk?: unknown };
      };
      switch (context.commandName) {
        case 'TransactWriteItemsCommand':
          for (const item of input.TransactItems ?? []) {
            const action = Object.values(item)[0];
            units += 2 + indexWrite(action?.Key ?? action?.Item, action?.UpdateExpression);
          }
          break;
        case 'PutItemCommand':
        case 'UpdateItemCommand':
        case 'DeleteItemCommand':
          units += 1 + indexWrite(input.Key);
          break;
        case 'BatchWriteItemCommand':
          units += Object.values(input.RequestItems ?? {}).reduce((sum, items) => sum + items.length, 0);
          break;
        default:
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { units: () => units, stop: () => documentClient().middlewareStack.remove(name) };
}

/** 100 debits over 20 accounts, 5 each on days of this Moscow month up to today (amounts cross budgets' thresholds). */
function debits(accounts: readonly string[], tag: string): BillingEvent[] {
  const today = moscowDay(new Date());
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: EVENTS }, (_, n) => {
    const day = [today, first][n % 2]!;
    return {
      transactionId: `bench-spend-${tag}-${n}`, accountId: accounts[n % accounts.length]!, type: 'debit' as const, amount: money(2_000 + n, 'RUB'),
      occurredAt: new Date(Math.min(Date.now() - 60_000, moscowDayStart(day).getTime() + 3_600_000 + n * 1000)), service: 'Compute Cloud',
    };
  });
}

/**
 * `count` funded accounts (a deposit each, so no low-balance alert muddles the figures), served by a
 * partner's clients with a budget of `amount` kopecks each (`undefined`: not served).
 */
async function servedAccounts(count: number, amount?: number): Promise<string[]> {
  const tag = randomBytes(3).toString('hex');
  const accounts = Array.from({ length: count }, (_, n) => `acc-bench${tag}${String(n).padStart(10, '0')}`);
  await recordBillingEvents({ ledger: ingestDeps().ledger, clock: new SystemClock() }, accounts.map((accountId) => ({
    transactionId: `bench-fund-${accountId}`, accountId, type: 'deposit' as const, amount: money(1_000_000_000, 'RUB'), occurredAt: new Date(Date.now() - 86_400_000 * 40),
  })));
  if (amount === undefined) return accounts;
  const partner = await createPartner(documentClient(), 'Bench Spend');
  for (const [n, accountId] of accounts.entries()) {
    const clientId = `cli_bench_spend_${n}_${tag}`;
    await documentClient().send(new PutCommand({ TableName: physicalTableName('clients'), Item: { ...accountLockKey(accountId), partnerId: partner.partnerId, clientId, since: '2020-01-01T00:00:00.000Z' } }));
    await spendStore().save([{ budget: {
      partnerId: partner.partnerId, scope: { kind: 'client', clientId }, amount: money(amount, 'RUB'),
      thresholds: [...DEFAULT_THRESHOLDS, { percent: 100, basis: 'forecast' }], alertEmails: [], blockAtLimit: false, updatedAt: new Date(), updatedBy: 'usr_bench',
    } }]);
  }
  return accounts;
}

/** Write units and requests of one run. */
async function measureWrites(run: () => Promise<unknown>): Promise<{ units: number; requests: number }> {
  const writes = countWriteUnits();
  const requests = countRequests(documentClient());
  try {
    await run();
    return { units: writes.units(), requests: requests.total() };
  } finally {
    writes.stop();
    requests.stop();
  }
}

/**
 * Write units and requests of recording the batch of 100 (and one event alone): today's ledger, with
 * budgets on and no threshold reached (every batch but a handful a month), and the batch in which
 * all 20 clients reach 50, 80 and 100 % (the worst case: every alert of the month at once).
 */
async function writeCost(): Promise<Array<Array<string | number>>> {
  const clock = new SystemClock();
  const ledgerOnly = (events: BillingEvent[]) => () => recordBillingEvents({ ledger: ingestDeps().ledger, clock }, events);
  const withSpend = (events: BillingEvent[]) => () => ingestBillingEvents(ingestDeps(), events);
  const today = await measureWrites(ledgerOnly(debits(await servedAccounts(ACCOUNTS), 'b')));
  const quiet = await measureWrites(withSpend(debits(await servedAccounts(ACCOUNTS, 100_000_000), 'q')));
  const crossing = await measureWrites(withSpend(debits(await servedAccounts(ACCOUNTS, 10_000), 'c')));
  const oneToday = await measureWrites(ledgerOnly(debits(await servedAccounts(1), '1b').slice(0, 1)));
  const oneQuiet = await measureWrites(withSpend(debits(await servedAccounts(1, 100_000_000), '1q').slice(0, 1)));
  const row = (name: string, measured: { units: number; requests: number }, base: { units: number }, events: number, target: boolean) => {
    const ratio = measured.units / base.units;
    return [name, measured.requests, measured.units, (measured.units / events).toFixed(2), `${ratio.toFixed(2)}×`, target ? mark(ratio <= MAX_WRITE_RATIO) : '—'];
  };
  return [
    row('batch of 100, today (ledger only)', today, today, EVENTS, false),
    row('batch of 100, budgets on, no threshold reached', quiet, today, EVENTS, true),
    row('batch of 100, budgets on, all 20 clients reach 50/80/100 % and the forecast (80 alerts)', crossing, today, EVENTS, false),
    row('one event, today (ledger only)', oneToday, oneToday, 1, false),
    row('one event, budgets on, no threshold reached', oneQuiet, oneToday, 1, true),
  ];
}

/**
 * Seeds a partner of `size` active clients as spend control sees it: each client's item, its month
 * spend (`bySpend`), its account's balance (`byPartnerBalance`), 90 days of the partner's sharded daily spend and 50 alerts this month.
 */
async function seedPartner(size: number): Promise<string> {
  const partner = await createPartner(documentClient(), `Bench Portfolio ${size}`);
  const { partnerId } = partner;
  const month = moscowDay(new Date()).slice(0, 7);
  const at = new Date();
  const tables = { clients: physicalTableName('clients') };
  let next = 0;
  const chunks = Math.ceil(size / SEED_CHUNK);
  const worker = async (): Promise<void> => {
    while (next < chunks) {
      const chunk = next++;
      const clients = [];
      const spends = [];
      const balances = [];
      for (let n = chunk * SEED_CHUNK; n < Math.min(size, (chunk + 1) * SEED_CHUNK); n += 1) {
        const clientId = `cli_bench${String(n).padStart(7, '0')}`;
        const accountId = `acc-bench${partnerId.slice(-6)}${String(n).padStart(8, '0')}`;
        const invited = inviteNewClient(partnerId, clientId, { email: `s${n}@bench.example` }, {
          id: `inv_spend_${partnerId}_${n}`, tokenHash: `hash_spend_${partnerId}_${n}`, partnerName: 'Bench',
        }, { at, actor: { kind: 'partner', id: 'usr_bench' }, auditId: `aud_spend_${partnerId}_${n}` }).after;
        clients.push(clientToItem(advanceClient(invited, 'accept', at, { accountId, servedSince: at })));
        spends.push({ ...clientMonthKey(partnerId, clientId, month), spendOf: spendIndexPartition(partnerId, month), clientId, month, currency: 'RUB', monthSpend: 1_000 + ((n * 7919) % 1_000_000) });
        balances.push({
          ...balanceKey(accountId), accountId, currency: 'RUB', balance: ((n * 104_729) % 2_000_000) - 1_000_000, updatedAt: at.toISOString(),
          servedBy: partnerId, servedClient: clientId,
        });
      }
      await batchPutAll(documentClient(), physicalTableName('ledger'), balances);
      await batchPutAll(documentClient(), tables.clients, clients);
      await batchPutAll(documentClient(), physicalTableName('spend'), spends);
    }
  };
  await Promise.all(Array.from({ length: SEED_PARALLEL }, worker));
  const today = moscowDay(at);
  const days = Array.from({ length: 90 }, (_, n) => addMoscowDays(today, -n)).flatMap((day) =>
    Array.from({ length: DAY_SHARDS }, (_, shard) => ({ ...partnerDayKey(partnerId, day, 'RUB', shard), day, currency: 'RUB', amount: size * 10 })));
  const alerts = Array.from({ length: 50 }, (_, n) => ({
    pk: notificationsPartition(partnerId), sk: notificationSortKey(new Date(at.getTime() - n * 60_000), `cli_bench${String(n).padStart(7, '0')}`, month, 'threshold#80-actual'),
    partnerId, clientId: `cli_bench${String(n).padStart(7, '0')}`, kind: 'threshold', month, at: new Date(at.getTime() - n * 60_000).toISOString(), read: false,
    facts: { threshold: { percent: 80, basis: 'actual' } },
  }));
  await batchPutAll(documentClient(), physicalTableName('spend'), [...days, ...alerts]);
  return partnerId;
}

/** Requests and items read of one read. */
async function reads(run: () => Promise<unknown>): Promise<{ requests: number; items: number }> {
  const count = countRequests(documentClient());
  try {
    await run();
    return { requests: count.total(), items: count.itemsRead() };
  } finally {
    count.stop();
  }
}

/**
 * Section: spend control's costs. Write units per billing event with budgets on against today's
 * ledger (target ≤ 1.5×); the home screen (`GET /portfolio`) and the clients ordered by this month's
 * spend and by balance (`GET /portfolio/clients`, pages 1 and 2 of 20) at 100 and 100 000 clients: requests and items read.
 */
export async function benchSpendControl(): Promise<string> {
  const writeRows = await writeCost();
  const rows: Array<Array<string | number>> = [];
  const bySize: string[] = [];
  for (const size of SIZES) {
    const seeding = Date.now();
    const partnerId = await seedPartner(size);
    const seconds = ((Date.now() - seeding) / 1000).toFixed(0);
    const home = await reads(() => portfolio(portfolioDeps(), partnerId));
    const pages = [];
    for (const [order, list] of [['spend', clientsBySpend], ['balance', clientsByBalance]] as const) {
      let cursor: string | undefined;
      for (let page = 1; page <= 2; page += 1) {
        pages.push({ order, page, ...(await reads(async () => {
          const found = await list(portfolioDeps(), partnerId, { limit: 20, ...(cursor && { cursor }) });
          if (found.items.length !== 20) throw new Error(`${order} page ${page} held ${found.items.length} clients`);
          cursor = found.nextCursor;
        })) });
      }
    }
    const label = `${size.toLocaleString('en')} clients (seeded in ${seconds} s)`;
    rows.push([label, 'home screen (GET /portfolio)', home.requests, home.items]);
    for (const { order, page, requests, items } of pages) rows.push([label, `clients by ${order}, page ${page} of 20`, requests, items]);
    bySize.push(JSON.stringify([home, ...pages]));
  }
  return [
    markdownTable(['recording 100 billing events (20 accounts)', 'DynamoDB requests', 'write units', 'write units per event', 'vs today', `≤ ${MAX_WRITE_RATIO}×`], writeRows),
    '',
    markdownTable(['partner size', 'read', 'DynamoDB requests', 'items read'], rows),
    '',
    `Same requests and items read at every size: ${mark(bySize.every((each) => each === bySize[0]))}`,
  ].join('\n');
}
