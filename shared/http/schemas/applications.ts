import * as z from 'zod/mini';
import { email, phone } from './contactDetails';
import { language } from './language';
import { multilineText, text } from './freeText';

/** Body of `POST /partner-applications` (the public "contact sales" form). */
export const applicationForm = z.strictObject({
  name: text(200),
  email,
  phone,
  company: text(200),
  message: multilineText(5000),
  /** The language of the form; the applicant's mails are in it (default `ru`). */
  language: z.optional(language),
});

/** Body of `POST /partner-applications/{id}/contact-attempts`: what happened, and whether the applicant was reached. */
export const contactAttemptBody = z.strictObject({ note: multilineText(1000), reached: z.boolean() });

/**
 * Body of `POST /partner-applications/{id}/approve`: none, or the manager's explicit override to
 * admit again an e-mail whose partnership ended.
 */
export const approveBody = z.optional(z.strictObject({ reapproveEndedPartner: z.optional(z.boolean()) }));
