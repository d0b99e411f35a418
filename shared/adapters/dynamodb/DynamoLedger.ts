import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { billingEventFingerprint, type BillingEvent } from '../../domain/balances/BillingEvent';
import { bucketsBefore, bucketsOf } from '../../domain/balances/calendarBuckets';
import { addTotals, emptyTotals, type LedgerTotals, netChange, totalsOf } from '../../domain/balances/LedgerTotals';
import type { Period } from '../../domain/balances/Period';
import { TemporarilyUnavailableError } from '../../domain/errors';
import { money } from '../../domain/Money';
import { moscowDayEnd, moscowDayStart } from '../../domain/moscowTime';
import type {
  AccountBalance,
  BalanceLedger,
  DayTotals,
  LedgerPosting,
  Movement,
  PostingOutcome,
  ServiceDayDebits,
} from '../../ports/BalanceLedger';
import {
  balanceKey,
  dayKey,
  dayRange,
  type LedgerKey,
  type LedgerRange,
  monthKey,
  monthRange,
  movementKey,
  movementRange,
  serviceDayKey,
  serviceDayRange,
  transactionKey,
  yearKey,
  yearsBeforeRange,
} from './ledgerKeys';
import { physicalTableName } from './tables';

const isoDate = z.pipe(z.iso.datetime(), z.transform((value: string) => new Date(value)));
const amount = z.number().check(z.int());

/** Stored shapes; parsing them is how the adapter returns domain objects. */
const balanceItem = z.object({ accountId: z.string(), balance: amount, currency: z.string(), updatedAt: isoDate });
const rollupItem = z.object({ bucket: z.string(), currency: z.string(), debits: amount, deposits: amount, withdrawals: amount });
const serviceDayItem = z.object({ bucket: z.string(), service: z.string(), currency: z.string(), amount });
const movementItem = z.object({
  transactionId: z.string(), type: z.enum(['deposit', 'withdrawal']), currency: z.string(), amount, occurredAt: isoDate,
});
const transactionItem = z.object({ fingerprint: z.string() });

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempts of one posting while DynamoDB reports conflicting concurrent transactions on its items. */
const MAX_ATTEMPTS = 10;

/** Failures that only mean "another transaction held the same items just now". */
const CONFLICT_ERRORS = new Set(['TransactionConflictException', 'TransactionInProgressException']);

/**
 * The billing ledger on DynamoDB (`ledger` table, keys in `ledgerKeys.ts`).
 *
 * Posting is ONE transaction: the transaction marker (conditional: it must not exist), the balance
 * (conditional: same currency), the day, month and year totals, and the per-service daily debit
 * (debits) or the movement item (deposits, withdrawals). If the marker exists nothing else is
 * written, so a repeated event changes nothing, however many copies arrive at once.
 * Opening balances come from year/month/day totals (see `calendarBuckets.ts`).
 */
export class DynamoLedger implements BalanceLedger {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('ledger')) {}

  public async post(posting: LedgerPosting): Promise<PostingOutcome> {
    const items = this.postingItems(posting);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return { status: 'recorded' };
      } catch (error) {
        const outcome = error instanceof TransactionCanceledException ? await this.refusal(error, posting.event) : undefined;
        if (outcome) return outcome;
        if (!isTransactionConflict(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new TemporarilyUnavailableError('The ledger of this account is busy, please retry');
        // Full jitter: concurrent copies of one event spread out, and the first one through wins.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  }

  public async balance(accountId: string): Promise<AccountBalance | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: balanceKey(accountId), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const item = balanceItem.parse(result.Item);
    return { accountId: item.accountId, balance: money(item.balance, item.currency), asOf: item.updatedAt };
  }

  public async totalsBefore(accountId: string, day: string, currency: string): Promise<LedgerTotals> {
    const { yearsBefore, months, days } = bucketsBefore(day);
    const ranges = [
      yearsBeforeRange(accountId, yearsBefore),
      months && monthRange(accountId, months.from, months.to),
      days && dayRange(accountId, days.from, days.to),
    ].filter((range): range is LedgerRange => range !== undefined);
    const items = (await Promise.all(ranges.map((range) => this.queryRange(range)))).flat();
    return items.map((item) => toTotals(rollupItem.parse(item))).reduce(addTotals, emptyTotals(currency));
  }

  public async dailyTotals(accountId: string, period: Period): Promise<DayTotals[]> {
    const items = await this.queryRange(dayRange(accountId, period.from, period.to));
    return items.map((raw) => {
      const item = rollupItem.parse(raw);
      return { day: item.bucket, ...toTotals(item) };
    });
  }

  public async movements(accountId: string, period: Period): Promise<Movement[]> {
    const items = await this.queryRange(movementRange(accountId, moscowDayStart(period.from), moscowDayEnd(period.to)));
    return items.map((raw) => {
      const item = movementItem.parse(raw);
      return { transactionId: item.transactionId, type: item.type, amount: money(item.amount, item.currency), occurredAt: item.occurredAt };
    });
  }

  public async serviceDebits(accountId: string, period: Period): Promise<ServiceDayDebits[]> {
    const items = await this.queryRange(serviceDayRange(accountId, period.from, period.to));
    return items.map((raw) => {
      const item = serviceDayItem.parse(raw);
      return { service: item.service, day: item.bucket, amount: money(item.amount, item.currency) };
    });
  }

  private postingItems({ event, day, recordedAt }: LedgerPosting): TransactItem[] {
    const { accountId, amount: { currency } } = event;
    const totals = totalsOf(event);
    const buckets = bucketsOf(day);
    const rollup = (key: LedgerKey, bucket: string): TransactItem => ({
      Update: {
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET #bucket = :bucket, #currency = :currency ADD #debits :debits, #deposits :deposits, #withdrawals :withdrawals',
        ExpressionAttributeNames: attributeNames('bucket', 'currency', 'debits', 'deposits', 'withdrawals'),
        ExpressionAttributeValues: {
          ':bucket': bucket, ':currency': currency,
          ':debits': totals.debits.amount, ':deposits': totals.deposits.amount, ':withdrawals': totals.withdrawals.amount,
        },
      },
    });
    return [
      {
        // Invariant: each transactionId is counted once; the cancelled transaction writes nothing else.
        Put: {
          TableName: this.table,
          Item: {
            ...transactionKey(event.transactionId),
            accountId, type: event.type, amount: event.amount.amount, currency,
            occurredAt: event.occurredAt.toISOString(), day, service: event.service, resource: event.resource,
            fingerprint: billingEventFingerprint(event), recordedAt: recordedAt.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: balanceKey(accountId),
          UpdateExpression: 'SET #accountId = :accountId, #currency = :currency, #updatedAt = :recordedAt ADD #balance :net',
          // Invariant: an account's ledger is kept in one currency (set by its first event).
          ConditionExpression: 'attribute_not_exists(pk) OR #currency = :currency',
          ExpressionAttributeNames: attributeNames('accountId', 'currency', 'updatedAt', 'balance'),
          ExpressionAttributeValues: {
            ':accountId': accountId, ':currency': currency, ':recordedAt': recordedAt.toISOString(), ':net': netChange(totals).amount,
          },
        },
      },
      rollup(yearKey(accountId, buckets.year), buckets.year),
      rollup(monthKey(accountId, buckets.month), buckets.month),
      rollup(dayKey(accountId, buckets.day), buckets.day),
      event.type === 'debit'
        ? {
            Update: {
              TableName: this.table,
              Key: serviceDayKey(accountId, day, event.service ?? ''),
              UpdateExpression: 'SET #bucket = :day, #service = :service, #currency = :currency ADD #amount :amount',
              ExpressionAttributeNames: attributeNames('bucket', 'service', 'currency', 'amount'),
              ExpressionAttributeValues: { ':day': day, ':service': event.service ?? '', ':currency': currency, ':amount': event.amount.amount },
            },
          }
        : {
            Put: {
              TableName: this.table,
              Item: {
                ...movementKey(accountId, event.occurredAt, event.transactionId),
                transactionId: event.transactionId, type: event.type, amount: event.amount.amount, currency,
                occurredAt: event.occurredAt.toISOString(),
              },
            },
          },
    ];
  }

  /** Which condition of a cancelled posting failed: a repeated transaction or another currency; `undefined` if none did. */
  private async refusal(error: TransactionCanceledException, event: BillingEvent): Promise<PostingOutcome | undefined> {
    const [marker, balance] = error.CancellationReasons ?? [];
    if (balance?.Code === 'ConditionalCheckFailed' && marker?.Code !== 'ConditionalCheckFailed') {
      return { status: 'rejected', reason: 'currency_mismatch' };
    }
    if (marker?.Code !== 'ConditionalCheckFailed') return undefined;
    // A transactionId seen before: the same event again is a duplicate, different content is refused.
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: transactionKey(event.transactionId), ConsistentRead: true }));
    const recorded = transactionItem.parse(result.Item ?? {});
    return recorded.fingerprint === billingEventFingerprint(event) ? { status: 'duplicate' } : { status: 'rejected', reason: 'transaction_id_reused' };
  }

  /** Every item of a sort-key range, page after page (strongly consistent: reads follow writes). */
  private async queryRange(range: LedgerRange): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': range.pk, ':from': range.from, ':to': range.to },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** `#name` placeholders for attribute names (several of ours, like `bucket`, are DynamoDB reserved words). */
function attributeNames(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`#${name}`, name]));
}

/** Another transaction held some of the same items: trying again later will do. */
function isTransactionConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict') ?? false;
  return error instanceof Error && CONFLICT_ERRORS.has(error.name);
}

function toTotals(item: z.infer<typeof rollupItem>): LedgerTotals {
  return {
    debits: money(item.debits, item.currency),
    deposits: money(item.deposits, item.currency),
    withdrawals: money(item.withdrawals, item.currency),
  };
}
