import { defaultBudgetDeps } from '../shared/adapters/compositionRoot';
import { setDefaultBudget } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { budgetBody, toBudgetSettings } from '../shared/http/schemas/spend';
import { toBudgetView } from '../shared/http/views/spend';

/** PUT /budgets/default — sets the partner's default budget (for every client without its own). */
export const handler = partnerRoute(
  { body: budgetBody, middlewares: [partnerRateLimit()] },
  async ({ principal, body }) => ({
    status: 200,
    body: toBudgetView(await setDefaultBudget(defaultBudgetDeps(), principal.partnerId, memberActor(principal), toBudgetSettings(body))),
  }),
);
