import { clientRepository } from '../shared/adapters/runtime';
import { httpRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { listClientsQuery, toClientView } from '../shared/http/schemas/clients';

/** GET /clients — the partner's own clients, newest first; filter by status, search by e-mail or name. */
export const handler = httpRoute(
  { auth: 'partner', query: listClientsQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await clientRepository().list(principal.partnerId, query);
    return { status: 200, body: { items: page.items.map(toClientView), nextCursor: page.nextCursor ?? null } };
  },
);
