/** How an application's status and its 48-hour contact deadline read on screen. */
import type { Application, ApplicationStatus } from '../../api/types';
import { formatMoscow } from '../../ui/moscowTime';

/** Statuses in the order the department works through them. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['new', 'escalated', 'contacted', 'approved', 'rejected'];

export const STATUS_WORDS: Record<ApplicationStatus, string> = {
  new: 'New', escalated: 'Escalated', contacted: 'Contacted', approved: 'Approved', rejected: 'Rejected',
};

/** True while nobody has contacted the applicant and the 48 hours are over (escalated, or past due now). */
export function isOverdue(application: Application, now = Date.now()): boolean {
  return application.status === 'escalated' || (application.status === 'new' && Date.parse(application.contactDueAt) <= now);
}

/** The deadline in words: when contact is due, and whether it is overdue. */
export function deadlineWords(application: Application): string {
  if (application.status !== 'new' && application.status !== 'escalated') return '—';
  const due = `${formatMoscow(application.contactDueAt)}`;
  return isOverdue(application) ? `Overdue since ${due}` : `Contact by ${due}`;
}
