import type { ApplicationRepository } from '../../ports/ApplicationRepository';
import type { Clock } from '../Clock';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { NotFoundError } from '../errors';
import { assertOpen, type PartnerApplication } from './PartnerApplication';

/** What taking an application and recording attempts need. */
export interface ApplicationWorkDeps {
  readonly applications: Pick<ApplicationRepository, 'get' | 'take' | 'recordContactAttempt'>;
  readonly clock: Clock;
}

async function openApplication(deps: ApplicationWorkDeps, id: string, action: 'take' | 'record a contact attempt on'): Promise<PartnerApplication> {
  const application = await deps.applications.get(id);
  if (!application) throw new NotFoundError('Partner application');
  assertOpen(application.status, action);
  return application;
}

/**
 * A manager takes an application (it shows as theirs, in "mine" and in the overdue view).
 *
 * Input: application id, manager id. Output: the application, held by the manager.
 * 1. Load it (not found if unknown); it must still be open (new, escalated, contacted: a conflict otherwise).
 * 2. Already the manager's: nothing to write (taking is idempotent).
 * 3. Write the hand-over onto the holder read; if another manager took it meanwhile, read again and retry.
 */
export async function takeApplication(deps: ApplicationWorkDeps, id: string, managerId: string): Promise<PartnerApplication> {
  return retryOnConcurrentChange(async () => {
    const application = await openApplication(deps, id, 'take');
    if (application.assignedTo === managerId) return application;
    return deps.applications.take(id, managerId, deps.clock.now(), {
      status: application.status, createdAt: application.createdAt, ...(application.assignedTo && { heldBy: application.assignedTo }),
    });
  });
}

/**
 * A manager records an attempt to reach the applicant, with a note.
 *
 * Input: application id, manager id, the note, whether the applicant was reached. Output: the application.
 * 1. Load it (not found if unknown); it must still be open (a conflict otherwise).
 * 2. Append the attempt; one that reached the applicant of a `new` or `escalated` application makes it
 *    `contacted` in the same write, which stops the 48-hour clock (an attempt that did not reach them
 *    does not). Written onto the status read; a concurrent change is read again and retried.
 */
export async function recordContactAttempt(
  deps: ApplicationWorkDeps,
  id: string,
  managerId: string,
  attempt: { readonly note: string; readonly reached: boolean },
): Promise<PartnerApplication> {
  return retryOnConcurrentChange(async () => {
    const application = await openApplication(deps, id, 'record a contact attempt on');
    return deps.applications.recordContactAttempt(id, { at: deps.clock.now(), by: managerId, ...attempt }, application.status);
  });
}
