import { auditTrail } from '../shared/adapters/compositionRoot';
import { clientNamesOf } from '../shared/http/clientNames';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { auditQuery } from '../shared/http/schemas/auditQuery';
import { toAuditEntryView } from '../shared/http/views/clients';

/** GET /audit — the partner's own audit trail, newest first; by client and period [from, to); each entry names its client. */
export const handler = partnerRoute({ query: auditQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await auditTrail().list(principal.partnerId, query);
    const clients = await clientNamesOf(principal.partnerId, page.items.map((entry) => entry.clientId));
    return { status: 200, body: { items: page.items.map((entry) => toAuditEntryView(entry, clients)), nextCursor: page.nextCursor ?? null } };
  },
);
