import { balanceDeps } from '../shared/adapters/compositionRoot';
import { balanceDetail } from '../shared/domain/balances/balanceDetail';
import { period } from '../shared/domain/balances/Period';
import { httpRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { balanceDetailQuery } from '../shared/http/schemas/periodQuery';
import { toBalanceDetailView } from '../shared/http/views/balances';
import { idParams } from '../shared/http/schemas/idParams';

/** GET /clients/{id}/balance/detail?from&to&limit&cursor — "Detail": the client's balance per Moscow day, a page of movements. */
export const handler = httpRoute(
  { auth: 'partner', params: idParams, query: balanceDetailQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, params, query }) => {
    const page = { limit: query.limit, ...(query.cursor && { cursor: query.cursor }) };
    const detail = await balanceDetail(balanceDeps(), principal.partnerId, params.id, period(query.from, query.to), page);
    return { status: 200, body: toBalanceDetailView(detail) };
  },
);
