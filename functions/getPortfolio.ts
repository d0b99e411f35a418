import { portfolioDeps } from '../shared/adapters/compositionRoot';
import { portfolio } from '../shared/domain/spend/portfolio';
import { clientNamesOf } from '../shared/http/clientNames';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toPortfolioView } from '../shared/http/views/spend';

/** GET /portfolio — the partner's home screen: spend this and last month, forecast, 90 days, top spenders, alerts (each naming its client). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const view = await portfolio(portfolioDeps(), principal.partnerId);
  const clients = await clientNamesOf(principal.partnerId, view.needsAttention.map((notification) => notification.clientId));
  return { status: 200, body: toPortfolioView(view, clients) };
});
