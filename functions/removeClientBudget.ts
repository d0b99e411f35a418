import { budgetDeps } from '../shared/adapters/compositionRoot';
import { removeClientBudget } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';

/** DELETE /clients/{id}/budget — removes one client's own budget (audited). */
export const handler = partnerRoute(
  { params: idParams, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, params }) => {
    await removeClientBudget(budgetDeps(), principal.partnerId, memberActor(principal), params.id);
    return { status: 204 };
  },
);
