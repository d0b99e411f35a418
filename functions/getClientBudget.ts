import { budgetReadDeps } from '../shared/adapters/compositionRoot';
import { effectiveBudget } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toEffectiveBudgetView } from '../shared/http/views/spend';

/** GET /clients/{id}/budget — the budget that applies to one of the partner's clients (its own or the default). */
export const handler = partnerRoute(
  { params: idParams, middlewares: [partnerRateLimit()] },
  async ({ principal, params }) => ({ status: 200, body: toEffectiveBudgetView(await effectiveBudget(budgetReadDeps(), principal.partnerId, params.id)) }),
);
