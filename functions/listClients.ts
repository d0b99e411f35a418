import { clientListing, ledgerBalances } from '../shared/adapters/compositionRoot';
import { withBalances } from '../shared/domain/balances/withBalances';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { listClientsQuery } from '../shared/http/schemas/listClientsQuery';
import { toListedClientView } from '../shared/http/views/clients';

/**
 * GET /clients — the partner's own clients, newest first; filter by status, search by e-mail or
 * name; each active or blocked client with its current balance (one batched read per page).
 */
export const handler = partnerRoute({ query: listClientsQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await clientListing().list(principal.partnerId, query);
    const items = await withBalances(ledgerBalances(), page.items);
    return { status: 200, body: { items: items.map(toListedClientView), nextCursor: page.nextCursor ?? null } };
  },
);
