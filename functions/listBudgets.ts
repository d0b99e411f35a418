import { spendStore } from '../shared/adapters/compositionRoot';
import { listBudgets } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { pageQuery } from '../shared/http/schemas/spend';
import { toBudgetView, toPageView } from '../shared/http/views/spend';

/** GET /budgets — the partner's budgets, clients' then the default. */
export const handler = partnerRoute(
  { query: pageQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => ({ status: 200, body: toPageView(await listBudgets({ budgets: spendStore() }, principal.partnerId, query), toBudgetView) }),
);
