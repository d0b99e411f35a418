import { ingestDeps } from '../shared/adapters/compositionRoot';
import { ingestBillingEvents } from '../shared/domain/spend/ingestBillingEvents';
import { HttpError } from '../shared/http/HttpError';
import { httpRoute } from '../shared/http/httpRoute';
import { BILLING_WRITE_SCOPE } from '../shared/http/Principal';
import { billingEventsBody, toBillingEvent } from '../shared/http/schemas/balances';
import { toBillingEventsResponse } from '../shared/http/views/balances';

/** POST /billing-events — the cloud's billing posts events; each is recorded once by transactionId, then the touched clients' spend alerts are evaluated. */
export const handler = httpRoute({ auth: 'system', body: billingEventsBody }, async ({ principal, body, requestId }) => {
  if (!principal.scopes.includes(BILLING_WRITE_SCOPE)) {
    throw new HttpError('forbidden', `Posting billing events needs the ${BILLING_WRITE_SCOPE} scope`);
  }
  const results = await ingestBillingEvents(ingestDeps(requestId), body.events.map(toBillingEvent));
  return { status: 200, body: toBillingEventsResponse(results) };
});
