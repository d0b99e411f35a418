import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { ApplicationRepository } from '../../ports/ApplicationRepository';
import type { Mailer } from '../../ports/Mailer';
import type { Clock } from '../Clock';
import { earliestDue } from '../JobRun';
import type { ApplicationNotice } from './PartnerApplication';
import { type NoticeSettings, noticeMails } from './notices';

/** How long a sender holds a notice before another run may retry it. */
export const NOTICE_LEASE_MS = 2 * 60 * 1000;

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
 * 1. Take the lease (conditional write); if another sender holds it, do nothing.
 * 2. For `approved`, create the partner's login (idempotent).
 * 3. Send the mails.
 * 4. Remove the notice from the outbox. If 2–3 fail, the lease runs out and the next run retries.
 *
 * @returns true if this call delivered the notice.
 */
export async function deliverNotice(deps: NoticeDeps, id: string, notice: ApplicationNotice, dueAt: Date): Promise<boolean> {
  const leaseUntil = new Date(deps.clock.now().getTime() + NOTICE_LEASE_MS);
  if (!(await deps.applications.claimNotice(id, notice, dueAt, leaseUntil))) return false;
  const application = await deps.applications.get(id);
  if (!application) return false;
  if (notice === 'approved') {
    if (!deps.directory || !application.partnerId) throw new Error('approved notice needs the account directory and a partner id');
    await deps.directory.createPartnerLogin({ email: application.email, partnerId: application.partnerId, name: application.company });
  }
  for (const mail of noticeMails(notice, application, deps.settings)) await deps.mailer.send(mail);
  await deps.applications.completeNotice(id, notice, leaseUntil, deps.clock.now());
  return true;
}

/**
 * Delivers every due notice; a failing one is left for the next run and does not stop the others.
 * `oldestDueAt` is the earliest due time among them (a retried notice is due again when the last lease ran out).
 */
export async function deliverDueNotices(deps: NoticeDeps, limit = 100): Promise<{ delivered: number; failed: number; oldestDueAt?: Date }> {
  let delivered = 0;
  let failed = 0;
  const dueNotices = await deps.applications.dueNotices(deps.clock.now(), limit);
  for (const due of dueNotices) {
    try {
      if (await deliverNotice(deps, due.id, due.notice, due.dueAt)) delivered += 1;
    } catch {
      failed += 1;
    }
  }
  return { delivered, failed, oldestDueAt: earliestDue(dueNotices.map((due) => due.dueAt)) };
}
