import { webhookReplayDeps } from '../shared/adapters/compositionRoot';
import { replayDelivery } from '../shared/domain/webhooks/manageWebhooks';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { deliveryParams } from '../shared/http/schemas/webhooks';

/** POST /webhooks/{id}/deliveries/{deliveryId}/replay — an owner or admin queues one logged delivery again (same `webhook-id`). */
export const handler = partnerRoute({ params: deliveryParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => ({
  status: 202,
  body: { ...(await replayDelivery(webhookReplayDeps(), principal.partnerId, params.id, params.deliveryId)), queued: true },
}));
