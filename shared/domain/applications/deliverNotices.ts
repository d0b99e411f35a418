import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { ApplicationRepository } from '../../ports/ApplicationRepository';
import type { Mailer } from '../../ports/Mailer';
import type { Clock } from '../Clock';
import { earliestDue } from '../JobRun';
import type { ApplicationNotice } from './PartnerApplication';
import { type NoticeSettings, noticeMails } from './notices';
import { type TimeBudget, UNLIMITED_TIME } from '../TimeBudget';

/** How long a sender holds a notice before another run may retry it. */
export const NOTICE_LEASE_MS = 2 * 60 * 1000;

/** Attempts at one notice before it is given up (the first in the request, then one per job run: ≈ an hour of retries). */
export const MAX_NOTICE_ATTEMPTS = 5;

/** What one delivery came to: sent, left to a concurrent sender, failed (retried later), or failed for the last time. */
export type NoticeOutcome = 'delivered' | 'skipped' | 'failed' | 'abandoned';

/** What sending notices needs. */
export interface NoticeDeps {
  readonly applications: ApplicationRepository;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly settings: NoticeSettings;
  /** Needed only for `approved` notices (they create the partner's login). */
  readonly directory?: AccountDirectory;
}

/**
 * Delivers one notice from the outbox, at most once per lease.
 *
 * 1. Take the lease (conditional write, counting the attempt); if another sender holds it, do nothing.
 * 2. For `approved`, create the partner's login (idempotent).
 * 3. Send the mails.
 * 4. Remove the notice from the outbox. If 2–3 fail, the lease runs out and the next run retries,
 *    unless this was attempt `MAX_NOTICE_ATTEMPTS`: then the notice is given up and recorded on
 *    the application as failed, so that no notice is retried forever.
 */
export async function deliverNotice(deps: NoticeDeps, id: string, notice: ApplicationNotice, dueAt: Date): Promise<NoticeOutcome> {
  const leaseUntil = new Date(deps.clock.now().getTime() + NOTICE_LEASE_MS);
  const attempt = await deps.applications.claimNotice(id, notice, dueAt, leaseUntil);
  if (attempt === undefined) return 'skipped';
  try {
    const application = await deps.applications.get(id);
    if (!application) return 'skipped';
    if (notice === 'approved') {
      if (!deps.directory || !application.partnerId) throw new Error('approved notice needs the account directory and a partner id');
      await deps.directory.createPartnerLogin({ email: application.email, partnerId: application.partnerId, name: application.company });
    }
    for (const mail of noticeMails(notice, application, deps.settings)) await deps.mailer.send(mail);
  } catch {
    if (attempt < MAX_NOTICE_ATTEMPTS) return 'failed';
    await deps.applications.abandonNotice(id, notice, leaseUntil, { notice, attempts: attempt, at: deps.clock.now() });
    return 'abandoned';
  }
  await deps.applications.completeNotice(id, notice, leaseUntil, deps.clock.now());
  return 'delivered';
}

/** How a run of the outbox went: notices delivered, failed (retried by the next run), and given up for good (with their applications). */
export interface NoticeRun {
  readonly delivered: number;
  readonly failed: number;
  readonly abandoned: readonly { id: string; notice: ApplicationNotice }[];
  /** The earliest due time among the notices found due (a retried notice is due again when the last lease ran out). */
  readonly oldestDueAt?: Date;
}

/** Delivers every due notice; a failing one is left for the next run (or given up) and does not stop the others. */
export async function deliverDueNotices(deps: NoticeDeps, budget: TimeBudget = UNLIMITED_TIME, limit = 100): Promise<NoticeRun> {
  let delivered = 0;
  let failed = 0;
  const abandoned: { id: string; notice: ApplicationNotice }[] = [];
  const dueNotices = budget.hasTimeLeft() ? await deps.applications.dueNotices(deps.clock.now(), limit) : [];
  for (const due of dueNotices) {
    if (!budget.hasTimeLeft()) break;
    const outcome = await deliverNotice(deps, due.id, due.notice, due.dueAt).catch((): NoticeOutcome => 'failed');
    if (outcome === 'delivered') delivered += 1;
    else if (outcome === 'failed') failed += 1;
    else if (outcome === 'abandoned') abandoned.push({ id: due.id, notice: due.notice });
  }
  return { delivered, failed, abandoned, oldestDueAt: earliestDue(dueNotices.map((due) => due.dueAt)) };
}
