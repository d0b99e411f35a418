import { webhookDeps } from '../shared/adapters/compositionRoot';
import { sendTestEvent } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toDeliveryAttemptView } from '../shared/http/views/webhooks';

/** POST /webhooks/{id}/test — an owner or admin sends a signed test event to an endpoint now. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => ({
  status: 200,
  body: toDeliveryAttemptView(await sendTestEvent(webhookDeps(), principal.partnerId, params.id)),
}));
