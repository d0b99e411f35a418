import { webhookDeps } from '../shared/adapters/compositionRoot';
import { enableEndpoint } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toWebhookEndpointView } from '../shared/http/views/webhooks';

/** POST /webhooks/{id}/enable — an owner or admin enables an endpoint disabled after 24 hours of failures. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  const deps = webhookDeps();
  return { status: 200, body: toWebhookEndpointView(await enableEndpoint(deps, principal.partnerId, params.id), deps.clock.now()) };
});
