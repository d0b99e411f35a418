import { balanceDeps } from '../shared/adapters/compositionRoot';
import { balanceDetail } from '../shared/domain/balances/balanceDetail';
import { period } from '../shared/domain/balances/Period';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { periodQuery } from '../shared/http/schemas/periodQuery';
import { toBalanceDetailView } from '../shared/http/views/balances';
import { idParams } from '../shared/http/schemas/idParams';

/** GET /clients/{id}/balance/detail?from&to — "Detail": the client's balance per Moscow day. */
export const handler = partnerRoute({ params: idParams, query: periodQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, params, query }) => ({
    status: 200,
    body: toBalanceDetailView(await balanceDetail(balanceDeps(), principal.partnerId, params.id, period(query.from, query.to))),
  }),
);
