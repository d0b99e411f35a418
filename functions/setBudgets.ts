import { budgetDeps } from '../shared/adapters/compositionRoot';
import { setClientBudgets } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { bulkBudgetBody, toBudgetSettings } from '../shared/http/schemas/spend';
import { toBulkBudgetView } from '../shared/http/views/spend';

/** POST /budgets/bulk — sets the same monthly budget on a selection of up to 500 of the partner's clients. */
export const handler = partnerRoute(
  { body: bulkBudgetBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, body }) => {
    const actor = memberActor(principal);
    return { status: 200, body: toBulkBudgetView(await setClientBudgets(budgetDeps(), principal.partnerId, actor, body.clientIds, toBudgetSettings(body))) };
  },
);
