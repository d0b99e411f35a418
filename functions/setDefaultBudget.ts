import { defaultBudgetDeps } from '../shared/adapters/compositionRoot';
import { setDefaultBudget } from '../shared/domain/spend/budgets';
import { httpRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { budgetBody, toBudgetSettings } from '../shared/http/schemas/spend';
import { toBudgetView } from '../shared/http/views/spend';

/** PUT /budgets/default — sets the partner's default budget (for every client without its own). */
export const handler = httpRoute(
  { auth: 'partner', body: budgetBody, middlewares: [partnerRateLimit()] },
  async ({ principal, body }) => ({
    status: 200,
    body: toBudgetView(await setDefaultBudget(defaultBudgetDeps(), principal.partnerId, { kind: 'partner', id: principal.userId }, toBudgetSettings(body))),
  }),
);
