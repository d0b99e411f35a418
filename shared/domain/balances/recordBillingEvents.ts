import type { Clock } from '../Clock';
import { moscowDay } from '../moscowTime';
import type { BalanceLedger } from '../../ports/BalanceLedger';
import type { ServedAccount } from '../../ports/SpendStore';
import { type BillingEvent, billingEventProblem, REJECTION_MESSAGES, type RecordResult, type RejectionReason } from './BillingEvent';

/** What recording billing events needs. */
export interface RecordDeps {
  readonly ledger: BalanceLedger;
  readonly clock: Clock;
}

/** Who served which account (`AccountOwners`), when spend is to be counted per partner and client. */
export type ServedAccounts = ReadonlyMap<string, ServedAccount>;

/** Accounts posted to at the same time; one account's events always go one after another. */
const ACCOUNTS_IN_PARALLEL = 4;

/**
 * Records billing events (the `POST /billing-events` route and the batch importer of the seed).
 *
 * Input: any number of events, in any order, possibly repeated. Output: one result per event, in
 * input order: `recorded`, `duplicate` (already recorded: nothing changed) or `rejected` with a reason.
 * 1. Events are grouped by account; each account's events are posted together, in input order
 *    (they all update the same balance), different accounts in parallel.
 * 2. An implausible event is rejected without touching the ledger.
 * 3. Each event is posted on the Moscow day it occurred on; the ledger makes repeats no-ops.
 *    An event of an account served by a partner's client since before it occurred is posted as
 *    served by it (`served`), so its spend counts for that partner and client too.
 */
export async function recordBillingEvents(deps: RecordDeps, events: readonly BillingEvent[], served: ServedAccounts = new Map()): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array<RecordResult>(events.length);
  const byAccount = new Map<string, number[]>();
  events.forEach((event, index) => {
    const indices = byAccount.get(event.accountId) ?? [];
    indices.push(index);
    byAccount.set(event.accountId, indices);
  });
  const queue = [...byAccount.values()];
  const worker = async (): Promise<void> => {
    for (let indices = queue.shift(); indices; indices = queue.shift()) {
      for (const [index, result] of await recordAccount(deps, events, indices, served)) results[index] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACCOUNTS_IN_PARALLEL, queue.length) }, worker));
  return results;
}

/** Results of one account's events (given by index), by index. */
async function recordAccount(deps: RecordDeps, events: readonly BillingEvent[], indices: readonly number[], served: ServedAccounts): Promise<Map<number, RecordResult>> {
  const now = deps.clock.now();
  const results = new Map<number, RecordResult>();
  const accepted: number[] = [];
  for (const index of indices) {
    const problem = billingEventProblem(events[index]!, now);
    if (problem) results.set(index, rejected(events[index]!, problem));
    else accepted.push(index);
  }
  const outcomes = await deps.ledger.post(accepted.map((index) => {
    const event = events[index]!;
    const servedBy = servedWhen(served.get(event.accountId), event);
    return { event, day: moscowDay(event.occurredAt), recordedAt: now, ...(servedBy && { servedBy }) };
  }));
  accepted.forEach((index, n) => {
    const event = events[index]!;
    const outcome = outcomes[n]!;
    results.set(index, outcome.status === 'rejected' ? rejected(event, outcome.reason) : { transactionId: event.transactionId, status: outcome.status });
  });
  return results;
}

/** The serving client, if it served the account when the event occurred (a late event from before it belongs to nobody's spend). */
export function servedWhen(servedBy: ServedAccount | undefined, event: BillingEvent): ServedAccount | undefined {
  return servedBy && servedBy.since.getTime() <= event.occurredAt.getTime() ? servedBy : undefined;
}

function rejected(event: BillingEvent, reason: RejectionReason): RecordResult {
  return { transactionId: event.transactionId, status: 'rejected', reason, message: REJECTION_MESSAGES[reason] };
}
