import { billingEventFingerprint, MAX_LEDGER_AMOUNT } from '../../domain/balances/BillingEvent';
import { bucketsOf } from '../../domain/balances/calendarBuckets';
import { totalsOf } from '../../domain/balances/LedgerTotals';
import type { LedgerPosting } from '../../ports/BalanceLedger';
import {
  balanceKey,
  dayKey,
  type LedgerKey,
  monthKey,
  movementKey,
  serviceDayKey,
  transactionKey,
  yearKey,
} from './ledgerKeys';
import { clientMonthKey, dayShardOf, partnerDayKey, spendIndexPartition } from './spendKeys';
import { physicalTableName } from './tables';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from './TransactItem';

interface Totals {
  debits: number;
  deposits: number;
  withdrawals: number;
}

interface BalanceChange {
  readonly key: LedgerKey;
  readonly accountId: string;
  readonly currency: string;
  net: number;
  recordedAt: string;
  /** The partner's client serving the account, when a posting says so (the `byPartnerBalance` index). */
  servedBy?: { readonly partnerId: string; readonly clientId: string };
}

interface RollupChange {
  readonly key: LedgerKey;
  readonly bucket: string;
  readonly currency: string;
  readonly totals: Totals;
}

interface ServiceDayChange {
  readonly key: LedgerKey;
  readonly day: string;
  readonly service: string;
  readonly currency: string;
  amount: number;
}

/** A served client's debit added to its month spend or to its partner's daily spend (`spend` table). */
interface SpendAdd {
  readonly key: LedgerKey;
  /** Attributes set beside the sum (what the item is, for reads and the `bySpend` index). */
  readonly fields: Readonly<Record<string, string>>;
  /** The summed attribute: `monthSpend` (client month) or `amount` (partner day shard). */
  readonly total: 'monthSpend' | 'amount';
  amount: number;
}

/**
 * The writes of one or more postings, merged into one transaction: a marker and (for deposits and
 * withdrawals) a movement item per event, and ONE update per balance, rollup and per-service day
 * however many events touch it (DynamoDB allows one operation per item in a transaction).
 * The transaction is all or nothing: if any marker already exists, nothing at all is written.
 * Items come out markers first, then balances: a single posting has its marker at index 0 and
 * its balance at index 1, which is how a cancellation reason is read back.
 * A debit of an account served by a partner's client (`servedBy`) also adds to the client's month
 * spend and to one shard of the partner's day spend, in the same transaction: spend control counts
 * each event exactly when the ledger does.
 */
export class LedgerWriteBatch {
  private readonly postings: LedgerPosting[] = [];
  private readonly balances = new Map<string, BalanceChange>();
  private readonly rollups = new Map<string, RollupChange>();
  private readonly serviceDays = new Map<string, ServiceDayChange>();
  private readonly spendAdds = new Map<string, SpendAdd>();

  public constructor(private readonly table: string, private readonly spendTable = physicalTableName('spend')) {}

  /** How many postings the batch holds. */
  public get size(): number {
    return this.postings.length;
  }

  /**
   * Adds a posting if the transaction stays within DynamoDB's limits and one currency, and the
   * transactionId is not in it yet; returns whether it was added.
   */
  public tryAdd(posting: LedgerPosting): boolean {
    const { event } = posting;
    const first = this.postings[0]?.event;
    if (first && first.amount.currency !== event.amount.currency) return false;
    if (this.postings.some((held) => held.event.transactionId === event.transactionId)) return false;
    if (this.itemCount() + this.newItems(posting) > MAX_TRANSACTION_ITEMS) return false;
    this.add(posting);
    return true;
  }

  /** The transaction's items. */
  public items(): TransactItem[] {
    return [
      ...this.postings.map(({ event, day, recordedAt }): TransactItem => ({
        // Invariant: each transactionId is counted once; a cancelled transaction writes nothing else.
        Put: {
          TableName: this.table,
          Item: {
            ...transactionKey(event.transactionId),
            accountId: event.accountId, type: event.type, amount: event.amount.amount, currency: event.amount.currency,
            occurredAt: event.occurredAt.toISOString(), day, service: event.service, resource: event.resource,
            fingerprint: billingEventFingerprint(event), recordedAt: recordedAt.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      ...[...this.balances.values()].map((change): TransactItem => ({
        Update: {
          TableName: this.table,
          Key: change.key,
          UpdateExpression: `SET #accountId = :accountId, #currency = :currency, #updatedAt = :recordedAt${change.servedBy ? ', #servedBy = :servedBy, #servedClient = :servedClient' : ''} ADD #balance :net`,
          // Invariants: an account's ledger is kept in one currency (set by its first event), and its
          // balance stays within ±MAX_LEDGER_AMOUNT (the balance before must leave room for :net).
          ConditionExpression: '(attribute_not_exists(pk) OR #currency = :currency) AND (attribute_not_exists(#balance) OR #balance BETWEEN :lowest AND :highest)',
          ExpressionAttributeNames: attributeNames('accountId', 'currency', 'updatedAt', 'balance', ...(change.servedBy ? ['servedBy', 'servedClient'] : [])),
          ExpressionAttributeValues: {
            ':accountId': change.accountId, ':currency': change.currency, ':recordedAt': change.recordedAt, ':net': change.net,
            ':lowest': -MAX_LEDGER_AMOUNT - change.net, ':highest': MAX_LEDGER_AMOUNT - change.net,
            ...(change.servedBy && { ':servedBy': change.servedBy.partnerId, ':servedClient': change.servedBy.clientId }),
          },
        },
      })),
      ...[...this.rollups.values()].map((change): TransactItem => ({
        Update: {
          TableName: this.table,
          Key: change.key,
          UpdateExpression: 'SET #bucket = :bucket, #currency = :currency ADD #debits :debits, #deposits :deposits, #withdrawals :withdrawals',
          // Invariant: no total of a year, month or day passes MAX_LEDGER_AMOUNT.
          ConditionExpression: ['debits', 'deposits', 'withdrawals'].map((total) => `(attribute_not_exists(#${total}) OR #${total} <= :${total}Room)`).join(' AND '),
          ExpressionAttributeNames: attributeNames('bucket', 'currency', 'debits', 'deposits', 'withdrawals'),
          ExpressionAttributeValues: {
            ':bucket': change.bucket, ':currency': change.currency,
            ':debits': change.totals.debits, ':deposits': change.totals.deposits, ':withdrawals': change.totals.withdrawals,
            ':debitsRoom': MAX_LEDGER_AMOUNT - change.totals.debits,
            ':depositsRoom': MAX_LEDGER_AMOUNT - change.totals.deposits,
            ':withdrawalsRoom': MAX_LEDGER_AMOUNT - change.totals.withdrawals,
          },
        },
      })),
      ...[...this.serviceDays.values()].map((change): TransactItem => ({
        Update: {
          TableName: this.table,
          Key: change.key,
          UpdateExpression: 'SET #bucket = :day, #service = :service, #currency = :currency ADD #amount :amount',
          // Invariant: no service's debits of a day pass MAX_LEDGER_AMOUNT.
          ConditionExpression: 'attribute_not_exists(#amount) OR #amount <= :room',
          ExpressionAttributeNames: attributeNames('bucket', 'service', 'currency', 'amount'),
          ExpressionAttributeValues: {
            ':day': change.day, ':service': change.service, ':currency': change.currency, ':amount': change.amount,
            ':room': MAX_LEDGER_AMOUNT - change.amount,
          },
        },
      })),
      ...[...this.spendAdds.values()].map((change): TransactItem => ({
        Update: {
          TableName: this.spendTable,
          Key: change.key,
          UpdateExpression: `SET ${Object.keys(change.fields).map((name) => `#${name} = :${name}`).join(', ')} ADD #total :amount`,
          // Invariants: a spend sum is in the one currency of its account (or partner-day currency, which
          // is in its key), and it never passes MAX_LEDGER_AMOUNT.
          ConditionExpression: '(attribute_not_exists(#currency) OR #currency = :currency) AND (attribute_not_exists(#total) OR #total <= :room)',
          ExpressionAttributeNames: { ...attributeNames(...Object.keys(change.fields)), '#total': change.total },
          ExpressionAttributeValues: {
            ...Object.fromEntries(Object.entries(change.fields).map(([name, value]) => [`:${name}`, value])),
            ':amount': change.amount, ':room': MAX_LEDGER_AMOUNT - change.amount,
          },
        },
      })),
      ...this.postings.flatMap(({ event }): TransactItem[] => (event.type === 'debit' ? [] : [{
        Put: {
          TableName: this.table,
          Item: {
            ...movementKey(event.accountId, event.occurredAt, event.transactionId),
            transactionId: event.transactionId, type: event.type, amount: event.amount.amount, currency: event.amount.currency,
            occurredAt: event.occurredAt.toISOString(),
          },
        },
      }])),
    ];
  }

  private add(posting: LedgerPosting): void {
    const { event, day, recordedAt } = posting;
    const { accountId } = event;
    const { currency } = event.amount;
    const totals = totalsOf(event);
    const delta = { debits: totals.debits.amount, deposits: totals.deposits.amount, withdrawals: totals.withdrawals.amount };
    this.postings.push(posting);

    const balance = this.balances.get(accountId) ?? { key: balanceKey(accountId), accountId, currency, net: 0, recordedAt: '' };
    balance.net += delta.deposits - delta.withdrawals - delta.debits;
    balance.recordedAt = recordedAt.toISOString() > balance.recordedAt ? recordedAt.toISOString() : balance.recordedAt;
    if (posting.servedBy) balance.servedBy = { partnerId: posting.servedBy.partnerId, clientId: posting.servedBy.clientId };
    this.balances.set(accountId, balance);

    const buckets = bucketsOf(day);
    for (const [key, bucket] of [[yearKey(accountId, buckets.year), buckets.year], [monthKey(accountId, buckets.month), buckets.month], [dayKey(accountId, day), day]] as const) {
      const id = keyId(key);
      const rollup = this.rollups.get(id) ?? { key, bucket, currency, totals: { debits: 0, deposits: 0, withdrawals: 0 } };
      rollup.totals.debits += delta.debits;
      rollup.totals.deposits += delta.deposits;
      rollup.totals.withdrawals += delta.withdrawals;
      this.rollups.set(id, rollup);
    }

    if (event.type === 'debit') {
      const service = event.service ?? '';
      const key = serviceDayKey(accountId, day, service);
      const change = this.serviceDays.get(keyId(key)) ?? { key, day, service, currency, amount: 0 };
      change.amount += event.amount.amount;
      this.serviceDays.set(keyId(key), change);
      for (const add of spendAddsOf(posting)) {
        const held = this.spendAdds.get(keyId(add.key)) ?? add;
        if (held !== add) held.amount += add.amount;
        this.spendAdds.set(keyId(add.key), held);
      }
    }
  }

  private itemCount(): number {
    const movements = this.postings.filter((posting) => posting.event.type !== 'debit').length;
    return this.postings.length + movements + this.balances.size + this.rollups.size + this.serviceDays.size + this.spendAdds.size;
  }

  /** Items a posting would add: its marker, its movement, and the aggregate items not in the batch yet. */
  private newItems(posting: LedgerPosting): number {
    const { event, day } = posting;
    const { accountId } = event;
    const buckets = bucketsOf(day);
    const aggregates = [
      [this.rollups, yearKey(accountId, buckets.year)],
      [this.rollups, monthKey(accountId, buckets.month)],
      [this.rollups, dayKey(accountId, day)],
      ...(event.type === 'debit' ? [[this.serviceDays, serviceDayKey(accountId, day, event.service ?? '')] as const] : []),
    ] as const;
    const fresh = aggregates.filter(([map, key]) => !map.has(keyId(key))).length +
      spendAddsOf(posting).filter((add) => !this.spendAdds.has(keyId(add.key))).length;
    return 1 + (event.type === 'debit' ? 0 : 1) + (this.balances.has(accountId) ? 0 : 1) + fresh;
  }
}

/** What a served debit adds to spend sums: the client's month and the partner's day shard (none for other events). */
function spendAddsOf({ event, day, servedBy }: LedgerPosting): SpendAdd[] {
  if (event.type !== 'debit' || !servedBy) return [];
  const { partnerId, clientId } = servedBy;
  const { month } = bucketsOf(day);
  const { currency, amount } = event.amount;
  return [
    {
      key: clientMonthKey(partnerId, clientId, month),
      fields: { spendOf: spendIndexPartition(partnerId, month), clientId, month, currency },
      total: 'monthSpend',
      amount,
    },
    { key: partnerDayKey(partnerId, day, currency, dayShardOf(event.accountId)), fields: { day, currency }, total: 'amount', amount },
  ];
}

/** `#name` placeholders for attribute names (several of ours, like `bucket`, are DynamoDB reserved words). */
function attributeNames(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`#${name}`, name]));
}

function keyId(key: LedgerKey): string {
  return `${key.pk}\u0000${key.sk}`;
}
