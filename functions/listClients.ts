import { clientListing, ledgerBalances } from '../shared/adapters/compositionRoot';
import { withBalances } from '../shared/domain/balances/withBalances';
import { assignedOnly } from '../shared/domain/team/clientAssignment';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { listClientsQuery, statusesOf } from '../shared/http/schemas/listClientsQuery';
import { toListedClientView } from '../shared/http/views/clients';

/**
 * GET /clients — the partner's own clients, newest first; filter by status, search by e-mail or
 * name; filter by several statuses at once; each active or blocked client with its current balance (one batched read per page). A
 * sales member lists only the clients assigned to it.
 */
export const handler = partnerRoute({ query: listClientsQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const assignee = assignedOnly(principal);
    const { status, ...rest } = query;
    const page = await clientListing().list(principal.partnerId, { ...rest, statuses: statusesOf(status), ...(assignee !== undefined && { assignee }) });
    const items = await withBalances(ledgerBalances(), page.items);
    return { status: 200, body: { items: items.map(toListedClientView), nextCursor: page.nextCursor ?? null } };
  },
);
