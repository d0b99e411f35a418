/** Response schemas and OpenAPI docs of the partner-application routes (build time only: no route bundles them). */
import * as z from 'zod/mini';
import type { OperationDocs } from '../openapi';
import { applicationForm, approveBody, contactAttemptBody } from '../schemas/applications';
import { rejectBody } from '../schemas/rejectApplicationBody';
import { applicationStatus, listApplicationsQuery } from '../schemas/listApplicationsQuery';
import { idParams } from '../schemas/idParams';
import { language } from '../schemas/language';
import { pageOf } from './common';

/** An application as the API shows it (times in ISO-8601 UTC). */
export const applicationView = z.object({
  id: z.string(),
  status: applicationStatus,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string(),
  message: z.string(),
  /** The language of the form; the applicant's mails are in it. */
  language,
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
  /** The manager who recorded the contact, and the one who approved or rejected it. */
  contactedBy: z.optional(z.string()),
  decidedBy: z.optional(z.string()),
  /** The manager who holds the application (took it), and since when. */
  assignedTo: z.optional(z.string()),
  assignedAt: z.optional(z.iso.datetime()),
  /** Every recorded attempt to reach the applicant, oldest first. */
  contactAttempts: z.array(z.object({ at: z.iso.datetime(), by: z.string(), reached: z.boolean(), note: z.string() })),
});

/** The public answer to a submitted form: no personal data echoed back. */
export const submittedApplicationView = z.object({ id: z.string(), status: applicationStatus, contactDueAt: z.iso.datetime() });

const applicationPage = pageOf(applicationView);

const applicationExample = {
  id: 'app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f',
  status: 'contacted',
  name: 'Ann Lee',
  email: 'ann@lee-it.example',
  phone: '+74950000000',
  company: 'Lee IT',
  message: 'We resell cloud to 40 small businesses in Kazan.',
  language: 'ru',
  createdAt: '2026-12-01T09:15:00.000Z',
  updatedAt: '2026-12-01T11:02:00.000Z',
  contactDueAt: '2026-12-03T09:15:00.000Z',
  contactedAt: '2026-12-01T11:02:00.000Z',
  contactedBy: 'mgr_7c1d',
  assignedTo: 'mgr_7c1d',
  assignedAt: '2026-12-01T10:00:00.000Z',
  contactAttempts: [
    { at: '2026-12-01T10:05:00.000Z', by: 'mgr_7c1d', reached: false, note: 'No answer; left a voicemail.' },
    { at: '2026-12-01T11:02:00.000Z', by: 'mgr_7c1d', reached: true, note: 'Spoke with Ann: 40 clients, wants a demo.' },
  ],
};

/** OpenAPI docs of the partner-application routes. */
export const applicationOperations: OperationDocs = {
  'POST /partner-applications': {
    summary: 'Submit the "contact sales" form',
    description: 'Submit the "contact sales" form (public). An identical form within 10 minutes returns the first application. ' +
      'At most 5 forms per source address per hour and 3 per e-mail address per day (429 + `Retry-After`); the confirmation mail ' +
      'repeats nothing the applicant typed.',
    tag: 'Partner applications', body: applicationForm, response: submittedApplicationView, location: true,
    success: { 201: 'The application, due to be contacted within 48 hours (or the identical one sent within 10 minutes)' },
    examples: {
      body: { name: 'Ann Lee', email: 'ann@lee-it.example', phone: '+7 495 000-00-00', company: 'Lee IT', message: 'We resell cloud to 40 small businesses in Kazan.' },
      response: { id: applicationExample.id, status: 'new', contactDueAt: applicationExample.contactDueAt },
    },
    errors: ['duplicate_submission'],
  },
  'GET /partner-applications': {
    summary: 'List applications',
    description: 'List applications, newest first, optionally by status (managers); `mine=true`: only those you hold; `search`: by the start ' +
      'of a word of the company name or of the e-mail (one word of at least 2 characters, case- and accent-insensitive). Each shows who holds it.',
    tag: 'Partner applications', query: listApplicationsQuery, response: applicationPage,
    success: { 200: 'A page of applications; `nextCursor` fetches the next one' },
    examples: { response: { items: [applicationExample], nextCursor: null } },
  },
  'GET /partner-applications/{id}': {
    params: idParams,
    summary: 'Get an application',
    description: 'One application (managers)',
    tag: 'Partner applications', response: applicationView,
    success: { 200: 'The application' }, examples: { response: applicationExample }, errors: ['not_found'],
  },
  'POST /partner-applications/{id}/contact': {
    params: idParams,
    summary: 'Record the contact with the applicant',
    description: 'Record that a manager contacted the applicant (stops the 48-hour escalation)',
    tag: 'Partner applications', response: applicationView,
    success: { 200: 'The application, now `contacted`' }, examples: { response: applicationExample },
    errors: ['not_found', 'invalid_transition'],
  },
  'POST /partner-applications/{id}/take': {
    params: idParams,
    summary: 'Take an application',
    description: 'Take an application: you hold it (it shows in your `mine=true` list and, overdue, with your name). Open applications only ' +
      '(new, escalated, contacted); taking one you hold changes nothing.',
    tag: 'Partner applications', response: applicationView,
    success: { 200: 'The application, held by you' }, examples: { response: applicationExample },
    errors: ['not_found', 'invalid_transition', 'concurrent_change'],
  },
  'POST /partner-applications/{id}/contact-attempts': {
    params: idParams,
    summary: 'Record a contact attempt',
    description: 'Record an attempt to reach the applicant, with a note. One that `reached` the applicant of a new or escalated application ' +
      'makes it `contacted` (the 48-hour escalation stops); one that did not leaves the clock running. At most 100 per application.',
    tag: 'Partner applications', body: contactAttemptBody, response: applicationView,
    success: { 200: 'The application with the attempt' },
    examples: { body: { note: 'Spoke with Ann: 40 clients, wants a demo.', reached: true }, response: applicationExample },
    errors: ['not_found', 'invalid_transition', 'concurrent_change', 'too_many_contact_attempts'],
  },
  'POST /partner-applications/{id}/approve': {
    params: idParams,
    summary: 'Approve an application',
    description: 'Approve a contacted application: creates the partner account bound to its e-mail, and its partner login. An e-mail whose ' +
      'partnership ended answers 409 `email_of_ended_partner` unless the body says `{"reapproveEndedPartner": true}` (the ended record and ' +
      'its audit stay; that partner\'s own closed login is reopened for the new partner); 409 `staff_login_exists` when that e-mail ' +
      'otherwise already signs in to partnerdesk (a manager or a partner): nothing changes, such a login is never altered',
    tag: 'Partner applications', body: approveBody, response: applicationView,
    success: { 200: 'The application, now `approved`, with its `partnerId`' },
    examples: {
      body: { reapproveEndedPartner: true },
      response: { ...applicationExample, status: 'approved', decidedAt: '2026-12-02T08:00:00.000Z', partnerId: 'ptn_9d8c7b6a5f4e4d3c2b1a0f9e8d7c6b5a' },
    },
    errors: ['not_found', 'invalid_transition', 'email_already_partner', 'email_of_ended_partner', 'staff_login_exists'],
  },
  'POST /partner-applications/{id}/reject': {
    params: idParams,
    summary: 'Reject an application',
    description: 'Reject an application with a reason',
    tag: 'Partner applications', body: rejectBody, response: applicationView,
    success: { 200: 'The application, now `rejected`' },
    examples: {
      body: { reason: 'We work only with companies registered in Russia.' },
      response: { ...applicationExample, status: 'rejected', decidedAt: '2026-12-02T08:00:00.000Z', rejectionReason: 'We work only with companies registered in Russia.' },
    },
    errors: ['not_found', 'invalid_transition'],
  },
};
