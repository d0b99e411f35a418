import { webhookDeps } from '../shared/adapters/compositionRoot';
import { registerEndpoint } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { createWebhookBody } from '../shared/http/schemas/webhooks';
import { toWebhookEndpointView } from '../shared/http/views/webhooks';

/** POST /webhooks — an owner or admin registers an endpoint (SSRF-checked); its secret is in this answer only. */
export const handler = partnerRoute({ body: createWebhookBody, middlewares: [partnerRateLimit()] }, async ({ principal, body }) => {
  const deps = webhookDeps();
  const endpoint = await registerEndpoint(deps, principal.partnerId, body);
  return { status: 201, body: { ...toWebhookEndpointView(endpoint, deps.clock.now()), secret: endpoint.secret } };
});
