import { clientAttention, clock } from '../shared/adapters/compositionRoot';
import { clientsNeedingAttention } from '../shared/domain/clients/clientAttention';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toClientAttentionView } from '../shared/http/views/clients';

/** GET /clients/attention — the partner's clients with a negative balance, an invitation expiring within 48 hours or a failed invitation mail (read from indexes, never by scanning). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const view = await clientsNeedingAttention({ attention: clientAttention(), clock }, principal.partnerId);
  return { status: 200, body: toClientAttentionView(view) };
});
