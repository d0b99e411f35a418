import { webhookDeps } from '../shared/adapters/compositionRoot';
import { removeEndpoint } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';

/** DELETE /webhooks/{id} — an owner or admin removes an endpoint. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  await removeEndpoint(webhookDeps(), principal.partnerId, params.id);
  return { status: 204 };
});
