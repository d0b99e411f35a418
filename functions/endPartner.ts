import { clock, partnerEndingDeps } from '../shared/adapters/compositionRoot';
import { budgetUntil, completePartnerEnding } from '../shared/domain/partners/completePartnerEnding';
import { partnerStateRoute } from '../shared/http/previewThenConfirmRoute';

/** Time the request spends detaching clients after the end is committed; the job goes on with the rest (API Gateway ends the integration at 30 s, the function's timeout is 10 s). */
const ENDING_BUDGET_MS = 5_000;

/** POST /partners/{id}/end — a manager ends a partnership: a preview, then the confirmation; the clients are detached at once as far as the time allows, the job finishes the rest. */
export const handler = partnerStateRoute('end', (partner, managerId, requestId) =>
  completePartnerEnding(partnerEndingDeps(requestId), { partnerId: partner.partnerId, endedBy: managerId }, budgetUntil(clock, new Date(clock.now().getTime() + ENDING_BUDGET_MS))));
