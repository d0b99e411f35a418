import { defaultBudgetDeps } from '../shared/adapters/compositionRoot';
import { removeDefaultBudget } from '../shared/domain/spend/budgets';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';

/** DELETE /budgets/default — removes the partner's default budget. */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  await removeDefaultBudget(defaultBudgetDeps(), principal.partnerId, memberActor(principal));
  return { status: 204 };
});
