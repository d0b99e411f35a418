import * as z from 'zod/mini';
import { cursor, email, limit, multilineText, phone, text } from './common';

/** Body of `POST /partner-applications` (the public "contact sales" form). */
export const applicationForm = z.strictObject({
  name: text(200),
  email,
  phone,
  company: text(200),
  message: multilineText(5000),
});

/** An application's status, as the API names it. */
export const applicationStatus = z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']);

/** Query of `GET /partner-applications`. */
export const listApplicationsQuery = z.strictObject({ status: z.optional(applicationStatus), limit, cursor });

/** Body of `POST /partner-applications/{id}/reject`. */
export const rejectBody = z.strictObject({ reason: multilineText(1000) });
