import * as z from 'zod/mini';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import { cursor, email, limit, phone, text } from './common';

/** Body of `POST /partner-applications` (the public "contact sales" form). */
export const applicationForm = z.strictObject({
  name: text(200),
  email,
  phone,
  company: text(200),
  message: text(5000),
});

const statuses = z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']);

/** Query of `GET /partner-applications`. */
export const listApplicationsQuery = z.strictObject({ status: z.optional(statuses), limit, cursor });

/** Body of `POST /partner-applications/{id}/reject`. */
export const rejectBody = z.strictObject({ reason: text(1000) });

/** An application as the API shows it (times in ISO-8601 UTC). */
export const applicationView = z.object({
  id: z.string(),
  status: statuses,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string(),
  message: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  contactDueAt: z.iso.datetime(),
  contactedAt: z.optional(z.iso.datetime()),
  escalatedAt: z.optional(z.iso.datetime()),
  decidedAt: z.optional(z.iso.datetime()),
  rejectionReason: z.optional(z.string()),
  partnerId: z.optional(z.string()),
});

/** The public answer to a submitted form: no personal data echoed back. */
export const submittedApplicationView = z.object({ id: z.string(), status: statuses, contactDueAt: z.iso.datetime() });

/** Renders an application for managers. */
export function toApplicationView(application: PartnerApplication): z.infer<typeof applicationView> {
  const iso = (date: Date | undefined) => date?.toISOString();
  return {
    id: application.id,
    status: application.status,
    name: application.name,
    email: application.email,
    phone: application.phone,
    company: application.company,
    message: application.message,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    contactDueAt: application.contactDueAt.toISOString(),
    contactedAt: iso(application.contactedAt),
    escalatedAt: iso(application.escalatedAt),
    decidedAt: iso(application.decidedAt),
    rejectionReason: application.rejectionReason,
    partnerId: application.partnerId,
  };
}
