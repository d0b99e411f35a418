import * as z from 'zod/mini';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import type { OperationDocs } from '../openapi';
import { cursor, email, limit, multilineText, phone, text } from './common';

/** Body of `POST /partner-applications` (the public "contact sales" form). */
export const applicationForm = z.strictObject({
  name: text(200),
  email,
  phone,
  company: text(200),
  message: multilineText(5000),
});

const statuses = z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']);

/** Query of `GET /partner-applications`. */
export const listApplicationsQuery = z.strictObject({ status: z.optional(statuses), limit, cursor });

/** Body of `POST /partner-applications/{id}/reject`. */
export const rejectBody = z.strictObject({ reason: multilineText(1000) });

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
  /** A mail the applicant or the department is owed that could not be sent after every attempt: reach them another way. */
  noticeFailed: z.optional(z.object({ notice: z.enum(['received', 'escalated', 'approved', 'rejected']), attempts: z.number(), at: z.iso.datetime() })),
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
    noticeFailed: application.noticeFailed && { ...application.noticeFailed, at: application.noticeFailed.at.toISOString() },
  };
}

const applicationPage = z.object({ items: z.array(applicationView), nextCursor: z.nullable(z.string()) });

/** OpenAPI docs of the partner-application routes. */
export const applicationOperations: OperationDocs = {
  'POST /partner-applications': {
    summary: 'Submit the "contact sales" form (public). An identical form within 10 minutes returns the first application.',
    tag: 'Partner applications', body: applicationForm, status: 201, response: submittedApplicationView,
  },
  'GET /partner-applications': {
    summary: 'List applications, newest first, optionally by status (managers)', tag: 'Partner applications', query: listApplicationsQuery, status: 200, response: applicationPage,
  },
  'GET /partner-applications/{id}': { summary: 'One application (managers)', tag: 'Partner applications', status: 200, response: applicationView },
  'POST /partner-applications/{id}/contact': {
    summary: 'Record that a manager contacted the applicant (stops the 48-hour escalation)', tag: 'Partner applications', status: 200, response: applicationView,
  },
  'POST /partner-applications/{id}/approve': {
    summary: 'Approve a contacted application: creates the partner account bound to its e-mail', tag: 'Partner applications', status: 200, response: applicationView,
  },
  'POST /partner-applications/{id}/reject': {
    summary: 'Reject an application with a reason', tag: 'Partner applications', body: rejectBody, status: 200, response: applicationView,
  },
};
