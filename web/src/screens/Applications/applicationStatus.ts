/** How an application's status and its 48-hour contact deadline read on screen. */
import type { Application } from '../../api/types';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';

/** Statuses in the order the department works through them (kept with the list's first read, which the entry carries). */
export { APPLICATION_STATUSES } from '../firstReads';

/** True while nobody has contacted the applicant and the 48 hours are over (escalated, or past due now). */
export function isOverdue(application: Application, now = Date.now()): boolean {
  return application.status === 'escalated' || (application.status === 'new' && Date.parse(application.contactDueAt) <= now);
}

/** The deadline in words: when contact is due (Moscow time: its label says so), and whether it is overdue. */
export function deadlineWords(application: Application): string {
  const words = t.value;
  if (application.status !== 'new' && application.status !== 'escalated') return words.common.none;
  const due = formatMoscowClock(application.contactDueAt);
  return isOverdue(application) ? words.applications.overdueSince(due) : words.applications.contactBy(due);
}
