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
