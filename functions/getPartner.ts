import { applicationQueries, partnerRecords, teamStore } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { httpRoute } from '../shared/http/httpRoute';
import { idParams } from '../shared/http/schemas/idParams';
import { partnerPageQuery } from '../shared/http/schemas/partners';
import { toApplicationView } from '../shared/http/views/applications';
import { toPartnerAuditEntryView, toPartnerSummaryView } from '../shared/http/views/partners';
import { toMemberView } from '../shared/http/views/team';

/** GET /partners/{id} — a partner's page for managers: record, application and its history, members, clients by status, managers' audit. */
export const handler = httpRoute({ auth: 'manager', params: idParams, query: partnerPageQuery }, async ({ params, query }) => {
  const records = partnerRecords();
  const partner = await records.get(params.id);
  if (!partner) throw new NotFoundError('Partner', { partnerId: params.id });
  const [counts, application, audit, team] = await Promise.all([
    records.clientCounts([partner.partnerId]),
    applicationQueries().get(partner.applicationId),
    records.history(partner.partnerId, query),
    teamStore().team(partner.partnerId),
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
      members: (team?.members ?? []).map(toMemberView),
      clientsByStatus: { ...clientsByStatus },
      audit: { items: audit.items.map(toPartnerAuditEntryView), nextCursor: audit.nextCursor ?? null },
    },
  };
});
