import { portfolioDeps } from '../shared/adapters/compositionRoot';
import { portfolio } from '../shared/domain/spend/portfolio';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toPortfolioView } from '../shared/http/views/spend';

/** GET /portfolio — the partner's home screen: spend this and last month, forecast, 90 days, top spenders, alerts. */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => ({
  status: 200,
  body: toPortfolioView(await portfolio(portfolioDeps(), principal.partnerId)),
}));
