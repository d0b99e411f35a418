import { budgetDeps } from '../shared/adapters/compositionRoot';
import { setClientBudget } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { budgetBody, toBudgetSettings } from '../shared/http/schemas/spend';
import { toBudgetView } from '../shared/http/views/spend';

/** PUT /clients/{id}/budget — sets one client's monthly budget (audited); a repeat sets the same budget again. */
export const handler = partnerRoute(
  { params: idParams, body: budgetBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, params, body }) => {
    const actor = memberActor(principal);
    return { status: 200, body: toBudgetView(await setClientBudget(budgetDeps(), principal.partnerId, actor, params.id, toBudgetSettings(body))) };
  },
);
