import { webhookDeps } from '../shared/adapters/compositionRoot';
import { endpointOf } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toDeliveryAttemptView } from '../shared/http/views/webhooks';

/** GET /webhooks/{id}/deliveries — an endpoint's last 100 delivery attempts, newest first (owner and admins). */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  const deps = webhookDeps();
  await endpointOf(deps, principal.partnerId, params.id);
  return { status: 200, body: { items: (await deps.store.attempts(principal.partnerId, params.id)).map(toDeliveryAttemptView) } };
});
