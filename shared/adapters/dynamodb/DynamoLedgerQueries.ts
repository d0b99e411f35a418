import { type QueryCommandInput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { bucketsBefore } from '../../domain/balances/calendarBuckets';
import { addTotals, emptyTotals, type LedgerTotals } from '../../domain/balances/LedgerTotals';
import type { Period } from '../../domain/balances/Period';
import { money } from '../../domain/Money';
import { moscowDayEnd, moscowDayStart } from '../../domain/moscowTime';
import type { DayTotals, LedgerQueries, Movement, MovementsPage, ServiceDayDebits } from '../../ports/BalanceLedger';
import type { Page } from '../../ports/Page';
import { decodeCursor, pageOfOneMore } from './cursor';
import { dayRange, type LedgerRange, monthRange, movementRange, serviceDayRange, yearsBeforeRange } from './ledgerKeys';
import { DynamoLedgerBalances } from './DynamoLedgerBalances';
import { isoDate } from './storedDate';
import { storedText } from './storedFields';

const amount = z.number().check(z.int());

/** Stored shapes; parsing them is how the adapter returns domain objects. */
const rollupItem = z.object({ bucket: storedText, currency: storedText, debits: amount, deposits: amount, withdrawals: amount });
const serviceDayItem = z.object({ bucket: storedText, service: storedText, currency: storedText, amount });
const movementItem = z.object({
  transactionId: storedText, type: z.enum(['deposit', 'withdrawal']), currency: storedText, amount, occurredAt: isoDate,
});

/**
 * Reading the billing ledger on DynamoDB (`ledger` table, keys in `ledgerKeys.ts`): opening
 * balances from year/month/day totals (see `calendarBuckets.ts`), day totals, movements and
 * per-service debits, each a range query, strongly consistent. The balance routes use this alone,
 * so their bundles carry no posting code (`DynamoLedger` adds it).
 */
export class DynamoLedgerQueries extends DynamoLedgerBalances implements LedgerQueries {
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

  public async movements(accountId: string, period: Period, page: MovementsPage): Promise<Page<Movement>> {
    const range = movementRange(accountId, moscowDayStart(period.from), moscowDayEnd(period.to));
    // A cursor must come from a page of the same reader's movements of the same account and period.
    const listing = `movements#${page.boundTo}#${accountId}#${period.from}#${period.to}`;
    const startKey = await decodeCursor(page.cursor, ['pk', 'sk'], listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': range.pk, ':from': range.from, ':to': range.to },
      ConsistentRead: true,
      // One more than asked: if it comes back, there is a next page and the cursor is the last movement shown.
      Limit: page.limit + 1,
      ExclusiveStartKey: startKey,
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], page.limit, ['pk', 'sk'], listing);
    const items = shown.map((raw) => {
      const item = movementItem.parse(raw);
      return { transactionId: item.transactionId, type: item.type, amount: money(item.amount, item.currency), occurredAt: item.occurredAt };
    });
    return { items, ...(nextCursor && { nextCursor }) };
  }

  public async serviceDebits(accountId: string, period: Period): Promise<ServiceDayDebits[]> {
    const items = await this.queryRange(serviceDayRange(accountId, period.from, period.to));
    return items.map((raw) => {
      const item = serviceDayItem.parse(raw);
      return { service: item.service, day: item.bucket, amount: money(item.amount, item.currency) };
    });
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

/** A rollup item's totals in its currency. */
function toTotals(item: z.infer<typeof rollupItem>): LedgerTotals {
  return {
    debits: money(item.debits, item.currency),
    deposits: money(item.deposits, item.currency),
    withdrawals: money(item.withdrawals, item.currency),
  };
}
