import { auditTrail } from '../shared/adapters/compositionRoot';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { auditQuery } from '../shared/http/schemas/auditQuery';
import { toAuditEntryView } from '../shared/http/views/clients';

/** GET /audit — the partner's own audit trail, newest first; by client and period [from, to). */
export const handler = partnerRoute({ query: auditQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await auditTrail().list(principal.partnerId, query);
    return { status: 200, body: { items: page.items.map(toAuditEntryView), nextCursor: page.nextCursor ?? null } };
  },
);
