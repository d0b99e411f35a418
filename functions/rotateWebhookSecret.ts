import { webhookDeps } from '../shared/adapters/compositionRoot';
import { rotateSecret } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toWebhookEndpointView } from '../shared/http/views/webhooks';

/** POST /webhooks/{id}/secret — an owner or admin rotates an endpoint's secret; both sign for 24 hours. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  const deps = webhookDeps();
  const endpoint = await rotateSecret(deps, principal.partnerId, params.id);
  return { status: 200, body: { ...toWebhookEndpointView(endpoint, deps.clock.now()), secret: endpoint.secret } };
});
