import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB operations that change stored items. */
const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

/** The tables a request names: `TableName`, the tables of `TransactItems`, the keys of `RequestItems`. */
function tablesOf(input: unknown): string[] {
  const request = input as {
    TableName?: string;
    TransactItems?: Array<Record<string, { TableName?: string } | undefined>>;
    RequestItems?: Record<string, unknown>;
  };
  return [
    ...(request.TableName ? [request.TableName] : []),
    ...(request.TransactItems ?? []).flatMap((item) => Object.values(item).flatMap((action) => (action?.TableName ? [action.TableName] : []))),
    ...Object.keys(request.RequestItems ?? {}),
  ];
}

/** How many items a response says were read. */
function readCount(output: unknown): number {
  const response = output as { ScannedCount?: number; Item?: unknown; Responses?: Record<string, unknown[]> } | undefined;
  if (typeof response?.ScannedCount === 'number') return response.ScannedCount;
  if (response?.Item) return 1;
  return Object.values(response?.Responses ?? {}).reduce((sum, items) => sum + (Array.isArray(items) ? items.length : 0), 0);
}

/** Requests a DocumentClient sent, by command (`GetItemCommand`, `QueryCommand`...). */
export interface RequestCount {
  /** Requests per command since the last `reset()`, in the order first seen. */
  byCommand(): Record<string, number>;
  total(): number;
  /** Requests that named only stand-in tables (not counted in `byCommand` or `total`). */
  standIns(): number;
  /** Items DynamoDB read for the counted requests: evaluated by queries and scans (`ScannedCount`), returned by gets and batched gets. */
  itemsRead(): number;
  /** Physical names of the tables that requests changing stored items (Put, Update, Delete, TransactWrite, BatchWrite) wrote to, whether or not DynamoDB accepted them. */
  writtenTables(): Set<string>;
  reset(): void;
  /** Removes the middleware from the client. */
  stop(): void;
}

/**
 * Counts the requests a DocumentClient sends, with an SDK middleware on its (shared) middleware
 * stack: one per operation call (`initialize` step), so SDK retries of one call count once.
 * Requests naming only `standInTables` (local stand-ins for Cognito or EventBridge) are counted
 * apart, in `standIns()`: in AWS they are not DynamoDB requests.
 *
 * @example
 * const count = countRequests(documentClient());
 * await handler(event, context);
 * count.byCommand(); // { TransactWriteItemsCommand: 1, UpdateItemCommand: 2, GetItemCommand: 1 }
 */
export function countRequests(client: DynamoDBDocumentClient, options: { readonly standInTables?: ReadonlySet<string> } = {}): RequestCount {
  const name = `countRequests-${randomUUID()}`;
  const standInTables = options.standInTables ?? new Set<string>();
  let counts = new Map<string, number>();
  let written = new Set<string>();
  let standIns = 0;
  let itemsRead = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const named = tablesOf(args.input);
      if (named.length > 0 && named.every((table) => standInTables.has(table))) {
        standIns += 1;
        return next(args);
      }
      counts.set(command, (counts.get(command) ?? 0) + 1);
      if (WRITE_COMMANDS.has(command)) for (const table of named) written.add(table);
      const result = await next(args);
      itemsRead += readCount(result.output);
      return result;
    },
    { step: 'initialize', name },
  );
  return {
    byCommand: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    standIns: () => standIns,
    itemsRead: () => itemsRead,
    writtenTables: () => new Set(written),
    reset: () => {
      counts = new Map();
      written = new Set();
      standIns = 0;
      itemsRead = 0;
    },
    stop: () => {
      client.middlewareStack.remove(name);
    },
  };
}

/** Which request fails, and how. */
export interface FaultPlan {
  /** The call that fails: its 1-based number counted from now, or the first call of a command (`TransactWriteItemsCommand`). */
  readonly call: number | string;
  /** The error DynamoDB would answer, e.g. a `ProvisionedThroughputExceededException`. */
  readonly error: () => Error;
  /**
   * `retries-exhausted`: the call fails as the SDK reports it once its retries are spent (an
   * outage longer than the retries; thrown at once instead of after the SDK's back-off);
   * `first-attempt`: only the first attempt fails, so the SDK's own retry succeeds (a brief throttle).
   */
  readonly attempts: 'retries-exhausted' | 'first-attempt';
}

/** A fault armed on a client. */
export interface InjectedFault {
  /** The command of the call that failed, once it has happened. */
  failedCommand(): string | undefined;
  /** Removes the middlewares from the client. */
  stop(): void;
}

/**
 * Makes one DynamoDB call from now fail as DynamoDB itself would answer (throttling,
 * transaction cancellation), before the request leaves the process. A first-attempt fault is
 * injected at the `finalizeRequest` step, inside the SDK's retry loop, so the SDK's real retry
 * behaviour applies. The real client and DynamoDB Local answer everything else: this wraps the
 * client, it does not replace DynamoDB.
 */
export function injectFault(client: DynamoDBDocumentClient, plan: FaultPlan): InjectedFault {
  const id = randomUUID();
  const marked = new WeakSet<object>();
  let calls = 0;
  let failedCommand: string | undefined;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls += 1;
      const chosen = typeof plan.call === 'number' ? calls === plan.call : failedCommand === undefined && context.commandName === plan.call;
      if (chosen) {
        marked.add(context);
        failedCommand = context.commandName;
        if (plan.attempts === 'retries-exhausted') throw plan.error();
      }
      return next(args);
    },
    { step: 'initialize', name: `faultCall-${id}` },
  );
  let attemptsOfMarked = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (marked.has(context)) {
        attemptsOfMarked += 1;
        if (attemptsOfMarked === 1) throw plan.error();
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: `faultAttempt-${id}` },
  );
  return {
    failedCommand: () => failedCommand,
    stop: () => {
      client.middlewareStack.remove(`faultCall-${id}`);
      client.middlewareStack.remove(`faultAttempt-${id}`);
    },
  };
}
