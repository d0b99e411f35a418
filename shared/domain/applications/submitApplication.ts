import { createHash } from 'node:crypto';
import type { IdGenerator } from '../IdGenerator';
import { DEFAULT_LANGUAGE } from '../Language';
import { deliverNotice, type NoticeDeps } from './deliverNotices';
import { type ApplicationForm, CONTACT_DEADLINE_MS, type PartnerApplication } from './PartnerApplication';

/** An identical form sent again within this window is the same application (double clicks, retries). */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** A stable fingerprint of a form: same person, same company, same words → same fingerprint. */
export function formFingerprint(form: ApplicationForm): string {
  const normalized = [form.email.toLowerCase(), form.name, form.phone, form.company, form.message].map((part) =>
    part.trim().replace(/\s+/g, ' '),
  );
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex');
}

/**
 * Submits the public "contact sales" form.
 *
 * Input: the validated form. Output: the application (status `new`) and whether it was created now.
 * 1. Create the application with a contact deadline 48 h ahead and the `received` notice in its outbox,
 *    unless the same form arrived within the duplicate window (then return that application).
 * 2. Send the confirmation mail; if that fails, the application stays and the job retries the mail.
 */
export async function submitApplication(
  deps: NoticeDeps & { readonly ids: IdGenerator },
  form: ApplicationForm,
): Promise<{ application: PartnerApplication; created: boolean }> {
  const now = deps.clock.now();
  const application: PartnerApplication = {
    ...form,
    language: form.language ?? DEFAULT_LANGUAGE,
    id: deps.ids.next('app'),
    status: 'new',
    createdAt: now,
    updatedAt: now,
    contactDueAt: new Date(now.getTime() + CONTACT_DEADLINE_MS),
  };
  const result = await deps.applications.create(application, formFingerprint(form), new Date(now.getTime() + DUPLICATE_WINDOW_MS));
  if (result.created) {
    await deliverNotice(deps, application.id, 'received', now).catch(() => false);
  }
  return result;
}
