import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { PartnerEndings, PartnerRecords } from '../../ports/PartnerRecords';
import type { TeamStore } from '../../ports/TeamStore';
import { applyClientOperation, type ClientOperationDeps } from '../clients/runClientOperation';
import type { JobRun } from '../JobRun';
import type { TimeBudget } from '../TimeBudget';

/** What closing an ended partnership needs: the clients' batch machinery, the partner's records and team, the login directory. */
export interface PartnerEndingDeps extends Omit<ClientOperationDeps, 'confirmations'> {
  readonly partners: Pick<PartnerRecords, 'get'>;
  readonly team: Pick<TeamStore, 'team'>;
  readonly endings: PartnerEndings;
  readonly directory: AccountDirectory;
}

/** Clients detached per round: a few transactions of the batch store (each detached client takes about 20 items with its search entries). */
export const CLIENTS_PER_ROUND = 25;

/**
 * Closes an ended partnership, resumably: detaches the partner's clients page by page (a pending
 * invitation is cancelled with its client, as a partner's own delete does), then closes the
 * logins of the partner and of every member of its team and takes it off the work queue. Stops when `budget` runs out and returns false with the
 * rest left for the next run (the job, `finishPartnerEndings`); each client's detach is its own
 * atomic change, so whatever point it stops at, nothing is half written and the next run goes on.
 * A round in which every client failed also stops it (the next run retries).
 */
export async function completePartnerEnding(
  deps: PartnerEndingDeps,
  ending: { readonly partnerId: string; readonly endedBy: string },
  budget: TimeBudget,
): Promise<boolean> {
  const { partnerId } = ending;
  const actor = { kind: 'manager', id: ending.endedBy } as const;
  for (;;) {
    if (!budget.hasTimeLeft()) return false;
    const clientIds = await deps.endings.attachedClientIds(partnerId, CLIENTS_PER_ROUND);
    if (clientIds.length === 0) break;
    const results = await applyClientOperation(deps, partnerId, actor, { operation: 'delete', clientIds });
    if (!results.some((result) => result.result === 'done' || result.result === 'not_found')) return false;
  }
  const [partner, team] = await Promise.all([deps.partners.get(partnerId), deps.team.team(partnerId)]);
  const emails = new Set([...(partner ? [partner.email] : []), ...(team?.members ?? []).map((member) => member.email)]);
  for (const email of emails) await deps.directory.closePartnerLogin({ email, partnerId });
  await deps.endings.finish(partnerId);
  return true;
}

/** Ended partnerships one run looks at. */
const ENDINGS_PER_RUN = 20;

/** A budget that runs out at `deadline` on `clock` (a request's share of its function's time). */
export function budgetUntil(clock: { now(): Date }, deadline: Date): TimeBudget {
  return { hasTimeLeft: () => clock.now().getTime() < deadline.getTime() };
}

/**
 * The job's run: goes on with every unfinished end (`completePartnerEnding`) while `budget` lasts.
 * `processed` counts ends finished, `failed` those that raised an error (logged by the caller's
 * failure log); an end cut short by the deadline is neither and waits for the next run.
 */
export async function finishPartnerEndings(deps: PartnerEndingDeps, budget: TimeBudget): Promise<JobRun> {
  let processed = 0;
  let failed = 0;
  for (const ending of await deps.endings.unfinished(ENDINGS_PER_RUN)) {
    try {
      if (!budget.hasTimeLeft()) break;
      if (await completePartnerEnding(deps, ending, budget)) processed += 1;
    } catch (error) {
      failed += 1;
      await deps.failures.record('partner ending failed', error, { partnerId: ending.partnerId });
    }
  }
  return { processed, failed };
}
