import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { ClientOperationStore, StoredFollowUp } from '../../ports/ClientOperationStore';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { Clock } from '../Clock';
import { earliestDue } from '../JobRun';
import { type Client, holdsAccount } from './Client';
import { loginEnabled } from './clientOperations';

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

/** The clients of `committed` whose change moved the login of one of `accounts`, by account. */
function committedByAccount(committed: readonly Client[], accounts: readonly string[]): Map<string, Client> {
  const wanted = new Set(accounts);
  return new Map(committed.filter((client) => wanted.has(client.accountId)).map((client) => [client.accountId, client]));
}

/**
 * The wanted login of `accounts` read again after setting them: through the committed clients
 * that still hold their accounts (one read), through the account locks for the others.
 */
async function loginStatesAfter(operations: ClientOperationStore, accounts: readonly string[], committed: ReadonlyMap<string, Client>): Promise<Map<string, boolean>> {
  const holding = accounts.flatMap((accountId) => {
    const client = committed.get(accountId);
    return client && holdsAccount(client.status) ? [client] : [];
  });
  const held = new Set(holding.map((client) => client.accountId));
  const released = accounts.filter((accountId) => !held.has(accountId));
  const [byClients, byLocks] = await Promise.all([
    holding.length > 0 ? operations.heldLoginStates(holding) : new Map<string, boolean>(),
    released.length > 0 ? operations.loginStates(released) : new Map<string, boolean>(),
  ]);
  return new Map([...byLocks, ...byClients]);
}

/**
 * Delivers follow-ups of committed status changes: publishes each event (at least once: a follow-up
 * left over is published again with the same id) and sets each affected account's console login.
 *
 * 1. The wanted login of every affected account: in the request that made the changes, what the
 *    statuses it just committed say (`committed`, the clients as changed: nothing to read); in the
 *    job, the account's current state (`loginStates`), never what one change said, so a late
 *    delivery cannot undo a newer change.
 * 2. Set the logins in the directory; publish the events.
 * 3. Read the wanted logins again (in the request through the committed clients that still hold
 *    their accounts: one read): an account whose wanted state moved meanwhile keeps its follow-up,
 *    and the job sets it from the account's state then.
 * 4. Remove the follow-ups that are fully done.
 */
export async function deliverFollowUps(
  deps: FollowUpDeps,
  followUps: readonly StoredFollowUp[],
  committed?: readonly Client[],
): Promise<FollowUpDelivery> {
  const accounts = [...new Set(followUps.filter((followUp) => followUp.syncLogin).map((followUp) => followUp.accountId))];
  const committedOf = committed && committedByAccount(committed, accounts);
  const wanted = committedOf
    ? new Map([...committedOf].map(([accountId, client]) => [accountId, loginEnabled(client.status)]))
    : await deps.operations.loginStates(accounts);
  const [set, published] = await Promise.all([
    succeededOn(accounts, (accountId) => deps.directory.setClientLoginEnabled(accountId, wanted.get(accountId) ?? true)),
    succeededOn(followUps, (followUp) => deps.events.publish(followUp.event)),
  ]);
  const now = committedOf ? await loginStatesAfter(deps.operations, set, committedOf) : await deps.operations.loginStates(set);
  const loginsApplied = new Set(set.filter((accountId) => now.get(accountId) === wanted.get(accountId)));
  const publishedIds = new Set(published.map((followUp) => followUp.id));
  const delivered = followUps.filter((followUp) => publishedIds.has(followUp.id) && (!followUp.syncLogin || loginsApplied.has(followUp.accountId)));
  await deps.operations.completeFollowUps(delivered);
  return {
    delivered: new Set(delivered.map((followUp) => followUp.id)),
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
 * the request's own delivery. What fails again stays for the next run. `oldestDueAt` is the
 * earliest due time among the follow-ups it took.
 */
export async function deliverDueFollowUps(
  deps: FollowUpDeps & { readonly clock: Clock },
): Promise<{ delivered: number; failures: number; oldestDueAt?: Date }> {
  const due = await deps.operations.dueFollowUps(deps.clock.now(), PER_RUN);
  let delivered = 0;
  let failures = 0;
  for (let start = 0; start < due.length; start += CHUNK) {
    const delivery = await deliverFollowUps(deps, due.slice(start, start + CHUNK));
    delivered += delivery.delivered.size;
    failures += delivery.failures;
  }
  return { delivered, failures, oldestDueAt: earliestDue(due.map((followUp) => followUp.dueAt)) };
}
