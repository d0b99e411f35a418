import { applicationQueries, partnerRecords } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { httpRoute } from '../shared/http/httpRoute';
import { idParams } from '../shared/http/schemas/idParams';
import { partnerPageQuery } from '../shared/http/schemas/partners';
import { toApplicationView } from '../shared/http/views/applications';
import { toPartnerAuditEntryView, toPartnerSummaryView } from '../shared/http/views/partners';

/** GET /partners/{id} — a partner's page for managers: record, application and its history, clients by status, managers' audit. */
export const handler = httpRoute({ auth: 'manager', params: idParams, query: partnerPageQuery }, async ({ params, query }) => {
  const records = partnerRecords();
  const partner = await records.get(params.id);
  if (!partner) throw new NotFoundError('Partner', { partnerId: params.id });
  const [counts, application, audit] = await Promise.all([
    records.clientCounts([partner.partnerId]),
    applicationQueries().get(partner.applicationId),
    records.history(partner.partnerId, query),
  ]);
  const clientsByStatus = counts.get(partner.partnerId);
  if (!clientsByStatus) throw new Error(`no client counts for partner ${partner.partnerId}`);
  // Approval creates the partner from its application in one transaction, and applications are never deleted.
  if (!application) throw new Error(`partner ${partner.partnerId} has no application ${partner.applicationId}`);
  return {
    status: 200,
    body: {
      partner: toPartnerSummaryView(partner, clientsByStatus),
      stateReason: partner.stateReason ?? null,
      application: toApplicationView(application),
      clientsByStatus: { ...clientsByStatus },
      audit: { items: audit.items.map(toPartnerAuditEntryView), nextCursor: audit.nextCursor ?? null },
    },
  };
});
