import { earliestDue } from '../JobRun';
import { type TimeBudget, UNLIMITED_TIME } from '../TimeBudget';
import { deliverDueNotices, type NoticeDeps, type NoticeRun } from './deliverNotices';

/** How many overdue applications one run reads per page, and at most how many pages. */
const PAGE = 100;
const MAX_PAGES = 50;

/**
 * The escalation job (EventBridge schedule).
 *
 * Output: how many applications it escalated, how many notices it delivered, failed to deliver or
 * gave up, and the earliest due time of the work it found (an overdue application's contact
 * deadline, a notice's due time).
 * 1. Read only overdue candidates (`new` past their contact deadline) from the sparse index.
 * 2. Mark each `escalated` with a conditional write: exactly one run wins per application,
 *    however often or concurrently the job runs; the win puts the `escalated` notice in the outbox.
 * 3. Deliver due notices (escalation mails to the department and the applicant, plus any earlier
 *    notice whose sending failed), each under a lease so concurrent runs do not send twice.
 * Each step takes new work only while `budget` has time left; the rest waits for the next run.
 */
export async function escalateOverdueApplications(
  deps: NoticeDeps,
  budget: TimeBudget = UNLIMITED_TIME,
): Promise<NoticeRun & { escalated: number }> {
  let escalated = 0;
  let oldestOverdue: Date | undefined;
  for (let page = 0; page < MAX_PAGES && budget.hasTimeLeft(); page += 1) {
    const now = deps.clock.now();
    const overdue = await deps.applications.overdue(now, PAGE);
    oldestOverdue = earliestDue([oldestOverdue, ...overdue.map((application) => application.contactDueAt)]);
    for (const application of overdue) {
      if (!budget.hasTimeLeft()) break;
      if (await deps.applications.escalate(application.id, now)) escalated += 1;
    }
    if (overdue.length < PAGE) break;
  }
  const notices = await deliverDueNotices(deps, budget);
  return { escalated, ...notices, oldestDueAt: earliestDue([oldestOverdue, notices.oldestDueAt]) };
}
