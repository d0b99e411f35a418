import { balanceDeps } from '../shared/adapters/compositionRoot';
import { expensesOnServices } from '../shared/domain/balances/expensesOnServices';
import { period } from '../shared/domain/balances/Period';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { periodQuery } from '../shared/http/schemas/periodQuery';
import { toExpensesView } from '../shared/http/views/balances';
import { idParams } from '../shared/http/schemas/idParams';

/** GET /clients/{id}/expenses?from&to — "Expenses on services": the client's debits per service and per day. */
export const handler = partnerRoute({ params: idParams, query: periodQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, params, query }) => ({
    status: 200,
    body: toExpensesView(await expensesOnServices(balanceDeps(), principal.partnerId, params.id, period(query.from, query.to))),
  }),
);
