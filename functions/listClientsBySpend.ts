import { portfolioDeps } from '../shared/adapters/compositionRoot';
import { clientsBySpend } from '../shared/domain/spend/portfolio';
import { httpRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { pageQuery } from '../shared/http/schemas/spend';
import { toClientSpendView, toPageView } from '../shared/http/views/spend';

/** GET /portfolio/clients — the partner's clients by this month's spend, highest first, with budget use. */
export const handler = httpRoute(
  { auth: 'partner', query: pageQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => ({ status: 200, body: toPageView(await clientsBySpend(portfolioDeps(), principal.partnerId, query), toClientSpendView) }),
);
