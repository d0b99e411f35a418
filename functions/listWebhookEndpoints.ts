import { webhookDeps } from '../shared/adapters/compositionRoot';
import { MAX_WEBHOOK_ENDPOINTS } from '../shared/domain/webhooks/WebhookEndpoint';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toWebhookEndpointView } from '../shared/http/views/webhooks';

/** GET /webhooks — the partner's endpoints, never a secret (owner and admins). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const deps = webhookDeps();
  const now = deps.clock.now();
  const endpoints = await deps.store.endpoints(principal.partnerId);
  return { status: 200, body: { items: endpoints.map((endpoint) => toWebhookEndpointView(endpoint, now)), maxEndpoints: MAX_WEBHOOK_ENDPOINTS } };
});
