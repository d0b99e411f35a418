import { clientCounts } from '../shared/adapters/compositionRoot';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toClientSummaryView } from '../shared/http/views/clients';

/** GET /clients/summary — the partner's clients per status, as the clients' change stream keeps them (never counted by scanning). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const counts = await clientCounts().countsOf([principal.partnerId]);
  const own = counts.get(principal.partnerId);
  if (!own) throw new Error('the counts of the asking partner are missing');
  return { status: 200, body: toClientSummaryView(own) };
});
