import type { Clock } from '../Clock';
import { moscowDay } from '../moscowTime';
import type { BalanceLedger } from '../../ports/BalanceLedger';
import { type BillingEvent, billingEventProblem, REJECTION_MESSAGES, type RecordResult, type RejectionReason } from './BillingEvent';

/** What recording billing events needs. */
export interface RecordDeps {
  readonly ledger: BalanceLedger;
  readonly clock: Clock;
}

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
 */
export async function recordBillingEvents(deps: RecordDeps, events: readonly BillingEvent[]): Promise<RecordResult[]> {
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
      for (const [index, result] of await recordAccount(deps, events, indices)) results[index] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACCOUNTS_IN_PARALLEL, queue.length) }, worker));
  return results;
}

/** Results of one account's events (given by index), by index. */
async function recordAccount(deps: RecordDeps, events: readonly BillingEvent[], indices: readonly number[]): Promise<Map<number, RecordResult>> {
  const now = deps.clock.now();
  const results = new Map<number, RecordResult>();
  const accepted: number[] = [];
  for (const index of indices) {
    const problem = billingEventProblem(events[index]!, now);
    if (problem) results.set(index, rejected(events[index]!, problem));
    else accepted.push(index);
  }
  const outcomes = await deps.ledger.post(accepted.map((index) => ({ event: events[index]!, day: moscowDay(events[index]!.occurredAt), recordedAt: now })));
  accepted.forEach((index, n) => {
    const event = events[index]!;
    const outcome = outcomes[n]!;
    results.set(index, outcome.status === 'rejected' ? rejected(event, outcome.reason) : { transactionId: event.transactionId, status: outcome.status });
  });
  return results;
}

function rejected(event: BillingEvent, reason: RejectionReason): RecordResult {
  return { transactionId: event.transactionId, status: 'rejected', reason, message: REJECTION_MESSAGES[reason] };
}
