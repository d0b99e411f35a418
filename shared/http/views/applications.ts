/** How the API shows a partner application (times in ISO-8601 UTC). */
import type * as z from 'zod/mini';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import type { applicationView } from '../docs/applications';

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
    language: application.language,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    contactDueAt: application.contactDueAt.toISOString(),
    contactedAt: iso(application.contactedAt),
    escalatedAt: iso(application.escalatedAt),
    decidedAt: iso(application.decidedAt),
    rejectionReason: application.rejectionReason,
    partnerId: application.partnerId,
    noticeFailed: application.noticeFailed && { ...application.noticeFailed, at: application.noticeFailed.at.toISOString() },
    contactedBy: application.contactedBy,
    decidedBy: application.decidedBy,
    assignedTo: application.assignedTo,
    assignedAt: iso(application.assignedAt),
    contactAttempts: (application.contactAttempts ?? []).map((attempt) => ({ ...attempt, at: attempt.at.toISOString() })),
  };
}
