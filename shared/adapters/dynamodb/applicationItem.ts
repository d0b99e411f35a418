import * as z from 'zod/mini';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/Language';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import { isoDate, optionalIsoDate } from './storedDate';
import { optionalStoredText, storedNumber, storedText } from './storedFields';

const optionalDate = optionalIsoDate;

/** The notices (mails) an application can owe, as stored in its outbox fields. */
export const noticeName = z.enum(['received', 'escalated', 'approved', 'rejected']);

/** The stored shape of an application item; parsing it is how the adapter returns domain objects. */
const applicationItem = z.object({
  id: storedText,
  status: z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']),
  name: storedText,
  email: storedText,
  phone: storedText,
  company: storedText,
  message: storedText,
  /** Absent on applications stored before forms had a language: those were Russian by default. */
  language: z._default(z.enum(LANGUAGES), DEFAULT_LANGUAGE),
  createdAt: isoDate,
  updatedAt: isoDate,
  contactDueAt: isoDate,
  contactedAt: optionalDate,
  contactedBy: optionalStoredText,
  escalatedAt: optionalDate,
  decidedAt: optionalDate,
  decidedBy: optionalStoredText,
  rejectionReason: optionalStoredText,
  partnerId: optionalStoredText,
  noticeFailed: z.optional(z.object({ notice: noticeName, attempts: storedNumber, at: isoDate })),
  assignedTo: optionalStoredText,
  assignedAt: optionalDate,
  contactAttempts: z.optional(z.array(z.object({ at: isoDate, by: storedText, reached: z.boolean(), note: storedText }))),
});

/** The application an item holds (throws if the item is not one). */
export function toApplication(item: Record<string, unknown>): PartnerApplication {
  return applicationItem.parse(item);
}
