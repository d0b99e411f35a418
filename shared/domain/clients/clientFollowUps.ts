import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { ClientOperationStore } from '../../ports/ClientOperationStore';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { Clock } from '../Clock';
import type { ClientFollowUp } from './clientOperations';

/** What delivering follow-ups needs. */
export interface FollowUpDeps {
  readonly operations: ClientOperationStore;
  readonly directory: AccountDirectory;
  readonly events: EventPublisher;
}

/** What a delivery did. */
export interface FollowUpDelivery {
  /** Follow-ups fully done (event published, login set and still right) and removed. */
  readonly delivered: ReadonlySet<string>;
  /** Accounts whose console login was set and, read again afterwards, is still what it should be. */
  readonly loginsApplied: ReadonlySet<string>;
  /** Directory or bus calls that failed (their follow-ups stay for the job). */
  readonly failures: number;
}

/** Calls to the directory or the bus in flight at once (Cognito's admin APIs are rate-limited). */
const PARALLEL_CALLS = 8;

/** Runs `task` on every item, at most `PARALLEL_CALLS` at a time; returns the items it succeeded on. */
async function succeededOn<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<T[]> {
  const succeeded: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
        succeeded.push(item);
      } catch {
        // Left for the follow-up job: the follow-up stays stored.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, items.length) }, worker));
  return succeeded;
}

/**
 * Delivers follow-ups of committed status changes: publishes each event (at least once: a follow-up
 * left over is published again with the same id) and sets each affected account's console login
 * to what the current state of the account says (`loginStates`), never to what one change said, so
 * a late delivery cannot undo a newer change.
 *
 * 1. Read the wanted login of every affected account; set it in the directory; publish the events.
 * 2. Read the wanted logins again: an account whose wanted state moved meanwhile keeps its
 *    follow-up (the newer change's own delivery, or the job, settles it).
 * 3. Remove the follow-ups that are fully done.
 */
export async function deliverFollowUps(deps: FollowUpDeps, followUps: readonly ClientFollowUp[]): Promise<FollowUpDelivery> {
  const accounts = [...new Set(followUps.filter((followUp) => followUp.syncLogin).map((followUp) => followUp.accountId))];
  const wanted = await deps.operations.loginStates(accounts);
  const [set, published] = await Promise.all([
    succeededOn(accounts, (accountId) => deps.directory.setClientLoginEnabled(accountId, wanted.get(accountId) ?? true)),
    succeededOn(followUps, (followUp) => deps.events.publish(followUp.event)),
  ]);
  const now = await deps.operations.loginStates(set);
  const loginsApplied = new Set(set.filter((accountId) => now.get(accountId) === wanted.get(accountId)));
  const publishedIds = new Set(published.map((followUp) => followUp.id));
  const delivered = followUps
    .filter((followUp) => publishedIds.has(followUp.id) && (!followUp.syncLogin || loginsApplied.has(followUp.accountId)))
    .map((followUp) => followUp.id);
  await deps.operations.completeFollowUps(delivered);
  return {
    delivered: new Set(delivered),
    loginsApplied,
    failures: accounts.length - set.length + followUps.length - published.length,
  };
}

/** Follow-ups one job run takes, and how many it delivers together. */
const PER_RUN = 500;
const CHUNK = 100;

/**
 * The follow-up job (EventBridge schedule): delivers every follow-up the request that made the
 * change did not finish (a failed directory or bus call, a crash after the commit). It only takes
 * follow-ups older than `FOLLOW_UP_GRACE_MS`, longer than a request may run, so it does not race
 * the request's own delivery. What fails again stays for the next run.
 */
export async function deliverDueFollowUps(deps: FollowUpDeps & { readonly clock: Clock }): Promise<{ delivered: number; failures: number }> {
  const due = await deps.operations.dueFollowUps(deps.clock.now(), PER_RUN);
  let delivered = 0;
  let failures = 0;
  for (let start = 0; start < due.length; start += CHUNK) {
    const delivery = await deliverFollowUps(deps, due.slice(start, start + CHUNK));
    delivered += delivery.delivered.size;
    failures += delivery.failures;
  }
  return { delivered, failures };
}
