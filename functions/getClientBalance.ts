import { balanceDeps } from '../shared/adapters/compositionRoot';
import { clientBalance } from '../shared/domain/balances/clientBalance';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { requireAssigned } from '../shared/http/salesScope';
import { toBalanceView } from '../shared/http/views/balances';
import { idParams } from '../shared/http/schemas/idParams';

/** GET /clients/{id}/balance — the current balance of one of the partner's active or blocked clients. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] },
  async ({ principal, params }) => {
    await requireAssigned(principal, params.id);
    return { status: 200, body: toBalanceView(await clientBalance(balanceDeps(), principal.partnerId, params.id)) };
  },
);
