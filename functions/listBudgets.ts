import { spendStore } from '../shared/adapters/compositionRoot';
import { listBudgets } from '../shared/domain/spend/budgets';
import { clientNamesOf } from '../shared/http/clientNames';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { pageQuery } from '../shared/http/schemas/spend';
import { toListedBudgetView, toPageView } from '../shared/http/views/spend';

/** GET /budgets — the partner's budgets, clients' then the default, each naming its client. */
export const handler = partnerRoute(
  { query: pageQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await listBudgets({ budgets: spendStore() }, principal.partnerId, query);
    const clients = await clientNamesOf(principal.partnerId, page.items.map((budget) => (budget.scope.kind === 'client' ? budget.scope.clientId : null)));
    return { status: 200, body: toPageView(page, (budget) => toListedBudgetView(budget, clients)) };
  },
);
