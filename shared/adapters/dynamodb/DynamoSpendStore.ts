import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { CalendarMonth } from '../../domain/balances/calendarBuckets';
import { money, type Money } from '../../domain/Money';
import type { MoscowDay } from '../../domain/moscowTime';
import { type Budget, THRESHOLD_BASES } from '../../domain/spend/Budget';
import { type AlertFacts, SPEND_ALERT_KINDS, type SpendAlert } from '../../domain/spend/SpendAlert';
import type { SpendNotification } from '../../domain/spend/SpendNotification';
import type { Page } from '../../ports/Page';
import type {
  BudgetChange, BudgetRemoval, BudgetStore, ClientBalanceEntry, ClientMonth, ClientSpend, Notifications, PartnerDaySpend, PortfolioQueries, SpendAlerts,
} from '../../ports/SpendStore';
import { auditTransactItem } from './auditTransactItem';
import { batchGetAll, chunks } from './batchCalls';
import { decodeCursor, pageOfOneMore } from './cursor';
import { cancellationCodes, CONDITION_FAILED, transactionConflict } from './lostRace';
import {
  alertMarkerKey, budgetsPartition, clientBudgetKey, clientMonthKey, defaultBudgetKey, notificationId, notificationSortKey,
  notificationSortKeyOf, notificationsPartition, partnerDayRange, partnerDaysPartition, SPEND_INDEXES, spendIndexPartition, unreadCounterKey,
} from './spendKeys';
import { LEDGER_INDEXES } from './ledgerKeys';
import { isoDate } from './storedDate';
import { optionalStoredText, storedNumber, storedText } from './storedFields';
import { physicalTableName } from './tables';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from './TransactItem';

const budgetItem = z.object({
  partnerId: storedText,
  clientId: optionalStoredText,
  amount: storedNumber,
  currency: storedText,
  thresholds: z.array(z.object({ percent: storedNumber, basis: z.enum(THRESHOLD_BASES) })),
  alertEmails: z.array(storedText),
  blockAtLimit: z.boolean(),
  updatedAt: isoDate,
  updatedBy: storedText,
});

const moneyFact = z.optional(z.object({ amount: storedNumber, currency: storedText }));
const factsItem = z.object({
  threshold: z.optional(z.object({ percent: storedNumber, basis: z.enum(THRESHOLD_BASES) })),
  budget: moneyFact, spend: moneyFact, forecast: moneyFact, daySpend: moneyFact, median: moneyFact, balance: moneyFact,
  day: optionalStoredText,
});

const notificationItem = z.object({
  sk: storedText,
  partnerId: storedText,
  clientId: storedText,
  kind: z.enum(SPEND_ALERT_KINDS),
  month: storedText,
  at: isoDate,
  read: z.boolean(),
  facts: factsItem,
});

const monthItem = z.object({ sk: storedText, monthSpend: z.optional(storedNumber), currency: optionalStoredText, delivered: z.optional(z.boolean()), notificationId: optionalStoredText });
const dayItem = z.object({ day: storedText, currency: storedText, amount: storedNumber });
const spendItem = z.object({ clientId: storedText, currency: storedText, monthSpend: storedNumber });

/** Budget changes per transaction: each is the budget item and its audit entry. */
const CHANGES_PER_TRANSACTION = MAX_TRANSACTION_ITEMS / 2;

/** Attempts of one alert's firing while other transactions hold the unread counter. */
const FIRE_ATTEMPTS = 8;

/** The `bySpend` index's cursor holds the spend as text (cursors carry strings only). */
const SPEND_CURSOR = ['pk', 'sk', 'spendOf', 'monthSpend'] as const;

/** The same for the ledger's `byPartnerBalance` index and the balance. */
const BALANCE_CURSOR = ['pk', 'sk', 'servedBy', 'balance'] as const;

const balanceEntryItem = z.object({ servedClient: storedText, accountId: storedText, balance: storedNumber, currency: storedText });

function toBudget(item: Record<string, unknown>): Budget {
  const parsed = budgetItem.parse(item);
  return {
    partnerId: parsed.partnerId,
    scope: parsed.clientId ? { kind: 'client', clientId: parsed.clientId } : { kind: 'default' },
    amount: money(parsed.amount, parsed.currency),
    thresholds: parsed.thresholds,
    alertEmails: parsed.alertEmails,
    blockAtLimit: parsed.blockAtLimit,
    updatedAt: parsed.updatedAt,
    updatedBy: parsed.updatedBy,
  };
}

function budgetKeyOf(partnerId: string, clientId: string | undefined) {
  return clientId ? clientBudgetKey(partnerId, clientId) : defaultBudgetKey(partnerId);
}

function toNotification(item: Record<string, unknown>): SpendNotification {
  const parsed = notificationItem.parse(item);
  return {
    id: notificationId(parsed.sk),
    partnerId: parsed.partnerId,
    clientId: parsed.clientId,
    kind: parsed.kind,
    month: parsed.month,
    at: parsed.at,
    read: parsed.read,
    facts: parsed.facts as AlertFacts,
  };
}

/** Drops `undefined` fields (DocumentClient refuses them in maps). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}

/**
 * Spend control on the `spend` table (keys in `spendKeys.ts`): budgets, the once-only alert markers
 * with each client's month spend, notifications and the portfolio's reads. The sums themselves are
 * written by the ledger's transaction (`LedgerWriteBatch`); this class only reads them.
 */
export class DynamoSpendStore implements BudgetStore, SpendAlerts, Notifications, PortfolioQueries {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table = physicalTableName('spend'),
    // Resolved when a budget change is written: the read routes are not wired to the audit table.
    private readonly auditTableName?: string,
  ) {}

  private get auditTable(): string {
    return this.auditTableName ?? physicalTableName('audit');
  }

  /** The ledger's balances (`byPartnerBalance`), resolved when ordered by balance. */
  private get ledgerTable(): string {
    return physicalTableName('ledger');
  }

  public async budgetsFor(partnerId: string, clientIds: readonly string[]): Promise<{ clients: ReadonlyMap<string, Budget>; fallback?: Budget }> {
    const keys = [...new Set(clientIds)].map((clientId) => clientBudgetKey(partnerId, clientId));
    const items = await batchGetAll(this.client, this.table, [...keys, defaultBudgetKey(partnerId)]);
    const budgets = items.map(toBudget);
    const fallback = budgets.find((budget) => budget.scope.kind === 'default');
    const clients = new Map(budgets.flatMap((budget) => (budget.scope.kind === 'client' ? [[budget.scope.clientId, budget] as const] : [])));
    return { clients, ...(fallback && { fallback }) };
  }

  public async listBudgets(partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<Budget>> {
    const listing = `budgets|${partnerId}`;
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': budgetsPartition(partnerId) },
      Limit: page.limit + 1,
      ExclusiveStartKey: await decodeCursor(page.cursor, ['pk', 'sk'], listing),
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], page.limit, ['pk', 'sk'], listing);
    return { items: shown.map(toBudget), ...(nextCursor && { nextCursor }) };
  }

  public async save(changes: readonly BudgetChange[]): Promise<void> {
    for (const chunk of chunks(changes, CHANGES_PER_TRANSACTION)) {
      await this.client.send(new TransactWriteCommand({
        TransactItems: chunk.flatMap(({ budget, audit }): TransactItem[] => {
          const clientId = budget.scope.kind === 'client' ? budget.scope.clientId : undefined;
          return [
            {
              Put: {
                TableName: this.table,
                // A setting: the last one written wins; its audit entry says who wrote which.
                Item: defined({
                  ...budgetKeyOf(budget.partnerId, clientId),
                  partnerId: budget.partnerId, clientId, amount: budget.amount.amount, currency: budget.amount.currency,
                  thresholds: budget.thresholds.map(({ percent, basis }) => ({ percent, basis })), alertEmails: [...budget.alertEmails],
                  blockAtLimit: budget.blockAtLimit, updatedAt: budget.updatedAt.toISOString(), updatedBy: budget.updatedBy,
                }),
              },
            },
            ...(audit ? [auditTransactItem(audit, this.auditTable)] : []),
          ];
        }),
      }));
    }
  }

  public async remove(removal: BudgetRemoval): Promise<boolean> {
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          // Invariant: a removal is audited only when there was a budget to remove.
          { Delete: { TableName: this.table, Key: budgetKeyOf(removal.partnerId, removal.clientId), ConditionExpression: 'attribute_exists(pk)' } },
          ...(removal.audit ? [auditTransactItem(removal.audit, this.auditTable)] : []),
        ],
      }));
      return true;
    } catch (error) {
      if (cancellationCodes(error)[0] === CONDITION_FAILED) return false;
      throw error;
    }
  }

  public async clientMonth(partnerId: string, clientId: string, month: CalendarMonth): Promise<ClientMonth> {
    const spendKey = clientMonthKey(partnerId, clientId, month);
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(new QueryCommand({
        TableName: this.table,
        // The spend item `CLIENT#c` and its markers `CLIENT#c#ALERT#…`; `CLIENT#c…` of another id sorts outside.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': spendKey.pk, ':from': spendKey.sk, ':to': `${spendKey.sk}#\uffff` },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    const fired = new Map<string, { delivered: boolean; notificationId: string }>();
    let spend: Money | undefined;
    const markerPrefix = `${spendKey.sk}#ALERT#`;
    for (const item of items) {
      const parsed = monthItem.parse(item);
      if (parsed.sk === spendKey.sk && parsed.monthSpend !== undefined && parsed.currency) spend = money(parsed.monthSpend, parsed.currency);
      else if (parsed.sk.startsWith(markerPrefix)) {
        fired.set(parsed.sk.slice(markerPrefix.length), { delivered: parsed.delivered === true, notificationId: parsed.notificationId ?? '' });
      }
    }
    return { ...(spend && { spend }), fired };
  }

  public async fire(alert: SpendAlert, at: Date): Promise<string | undefined> {
    const sortKey = notificationSortKey(at, alert.clientId, alert.month, alert.key);
    const id = notificationId(sortKey);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...alertMarkerKey(alert.partnerId, alert.clientId, alert.month, alert.key), kind: alert.kind, notificationId: id, delivered: false, firedAt: at.toISOString() },
          // Invariant: an alert fires once per client, month and key, however often and concurrently it is decided.
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            pk: notificationsPartition(alert.partnerId), sk: sortKey, partnerId: alert.partnerId, clientId: alert.clientId, kind: alert.kind,
            month: alert.month, at: at.toISOString(), read: false, facts: defined({ ...alert.facts }),
          },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: unreadCounterKey(alert.partnerId),
          UpdateExpression: 'ADD unread :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return id;
      } catch (error) {
        if (cancellationCodes(error)[0] === CONDITION_FAILED) return undefined;
        if (!transactionConflict(error) || attempt >= FIRE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  public async markDelivered(alert: SpendAlert): Promise<void> {
    await this.client.send(new UpdateCommand({
      TableName: this.table,
      Key: alertMarkerKey(alert.partnerId, alert.clientId, alert.month, alert.key),
      UpdateExpression: 'SET delivered = :true',
      // Only a fired alert is marked (never creates a marker).
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':true': true },
    }));
  }

  public async listNotifications(partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<SpendNotification>> {
    const listing = `notifications|${partnerId}`;
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
      ExpressionAttributeValues: { ':pk': notificationsPartition(partnerId), ':note': 'N#' },
      ScanIndexForward: false,
      Limit: page.limit + 1,
      ExclusiveStartKey: await decodeCursor(page.cursor, ['pk', 'sk'], listing),
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], page.limit, ['pk', 'sk'], listing);
    return { items: shown.map(toNotification), ...(nextCursor && { nextCursor }) };
  }

  public async unreadCount(partnerId: string): Promise<number> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: unreadCounterKey(partnerId), ConsistentRead: true }));
    return Math.max(0, z.object({ unread: z.optional(storedNumber) }).parse(result.Item ?? {}).unread ?? 0);
  }

  public async markRead(partnerId: string, id: string): Promise<boolean> {
    const sortKey = notificationSortKeyOf(id);
    if (!sortKey) return false;
    const key = { pk: notificationsPartition(partnerId), sk: sortKey };
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: key,
              UpdateExpression: 'SET #read = :true',
              // Invariant: the unread counter goes down once per notification, when it turns read.
              ConditionExpression: 'attribute_exists(pk) AND #read = :false',
              ExpressionAttributeNames: { '#read': 'read' },
              ExpressionAttributeValues: { ':true': true, ':false': false },
            },
          },
          { Update: { TableName: this.table, Key: unreadCounterKey(partnerId), UpdateExpression: 'ADD unread :less', ExpressionAttributeValues: { ':less': -1 } } },
        ],
      }));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || cancellationCodes(error)[0] !== CONDITION_FAILED) throw error;
      const found = await this.client.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }));
      return found.Item !== undefined;
    }
  }

  public async since(partnerId: string, from: Date, limit: number): Promise<SpendNotification[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': notificationsPartition(partnerId), ':from': `N#${from.toISOString()}`, ':to': 'N#\uffff' },
      ScanIndexForward: false,
      Limit: limit,
    }));
    return (result.Items ?? []).map(toNotification);
  }

  public async partnerDays(partnerId: string, from: MoscowDay, to: MoscowDay): Promise<PartnerDaySpend[]> {
    const range = partnerDayRange(from, to);
    const sums = new Map<string, { day: string; currency: string; amount: number }>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partnerDaysPartition(partnerId), ':from': range.from, ':to': range.to },
        ExclusiveStartKey: startKey,
      }));
      for (const item of result.Items ?? []) {
        const { day, currency, amount } = dayItem.parse(item);
        const id = `${day}#${currency}`;
        const held = sums.get(id) ?? { day, currency, amount: 0 };
        held.amount += amount;
        sums.set(id, held);
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return [...sums.values()].map(({ day, currency, amount }) => ({ day, spend: money(amount, currency) }));
  }

  public async clientsBySpend(partnerId: string, month: CalendarMonth, page: { limit: number; cursor?: string }): Promise<Page<ClientSpend>> {
    const listing = `bySpend|${partnerId}|${month}`;
    const start = await decodeCursor(page.cursor, SPEND_CURSOR, listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: SPEND_INDEXES.bySpend,
      KeyConditionExpression: 'spendOf = :spendOf',
      ExpressionAttributeValues: { ':spendOf': spendIndexPartition(partnerId, month) },
      ScanIndexForward: false,
      Limit: page.limit + 1,
      ExclusiveStartKey: start && { ...start, monthSpend: Number(start.monthSpend) },
    }));
    const found = (result.Items ?? []).map((item) => ({ ...item, monthSpend: String(item.monthSpend) }));
    const { shown, nextCursor } = await pageOfOneMore(found, page.limit, SPEND_CURSOR, listing);
    return {
      items: shown.map((item) => {
        const parsed = spendItem.parse({ ...item, monthSpend: Number(item.monthSpend) });
        return { clientId: parsed.clientId, spend: money(parsed.monthSpend, parsed.currency) };
      }),
      ...(nextCursor && { nextCursor }),
    };
  }

  public async monthSpends(partnerId: string, clientIds: readonly string[], month: CalendarMonth): Promise<ReadonlyMap<string, Money>> {
    if (clientIds.length === 0) return new Map();
    const items = await batchGetAll(this.client, this.table, [...new Set(clientIds)].map((clientId) => clientMonthKey(partnerId, clientId, month)));
    return new Map(items.map((item) => {
      const parsed = spendItem.parse(item);
      return [parsed.clientId, money(parsed.monthSpend, parsed.currency)] as const;
    }));
  }

  public async clientsByBalance(partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<ClientBalanceEntry>> {
    const listing = `byBalance|${partnerId}`;
    const start = await decodeCursor(page.cursor, BALANCE_CURSOR, listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.ledgerTable,
      IndexName: LEDGER_INDEXES.byPartnerBalance,
      KeyConditionExpression: 'servedBy = :partnerId',
      ExpressionAttributeValues: { ':partnerId': partnerId },
      ScanIndexForward: true,
      Limit: page.limit + 1,
      ExclusiveStartKey: start && { ...start, balance: Number(start.balance) },
    }));
    const found = (result.Items ?? []).map((item) => ({ ...item, balance: String(item.balance) }));
    const { shown, nextCursor } = await pageOfOneMore(found, page.limit, BALANCE_CURSOR, listing);
    return {
      items: shown.map((item) => {
        const parsed = balanceEntryItem.parse({ ...item, balance: Number(item.balance) });
        return { clientId: parsed.servedClient, accountId: parsed.accountId, balance: money(parsed.balance, parsed.currency) };
      }),
      ...(nextCursor && { nextCursor }),
    };
  }
}
