import { portfolioDeps } from '../shared/adapters/compositionRoot';
import { clientsByBalance, clientsBySpend } from '../shared/domain/spend/portfolio';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { portfolioClientsQuery } from '../shared/http/schemas/spend';
import { toClientSpendView, toPageView } from '../shared/http/views/spend';

/** GET /portfolio/clients — the partner's clients by this month's spend (highest first) or by balance (lowest first), with budget use. */
export const handler = partnerRoute(
  { query: portfolioClientsQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const list = query.order === 'balance' ? clientsByBalance : clientsBySpend;
    return { status: 200, body: toPageView(await list(portfolioDeps(), principal.partnerId, query), toClientSpendView) };
  },
);
