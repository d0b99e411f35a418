import * as z from 'zod/mini';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import { isoDate } from './storedDate';

const optionalDate = z.optional(isoDate);

/** The notices (mails) an application can owe, as stored in its outbox fields. */
export const noticeName = z.enum(['received', 'escalated', 'approved', 'rejected']);

/** The stored shape of an application item; parsing it is how the adapter returns domain objects. */
const applicationItem = z.object({
  id: z.string(),
  status: z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string(),
  message: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  contactDueAt: isoDate,
  contactedAt: optionalDate,
  contactedBy: z.optional(z.string()),
  escalatedAt: optionalDate,
  decidedAt: optionalDate,
  decidedBy: z.optional(z.string()),
  rejectionReason: z.optional(z.string()),
  partnerId: z.optional(z.string()),
  noticeFailed: z.optional(z.object({ notice: noticeName, attempts: z.number(), at: isoDate })),
});

/** The application an item holds (throws if the item is not one). */
export function toApplication(item: Record<string, unknown>): PartnerApplication {
  return applicationItem.parse(item);
}
