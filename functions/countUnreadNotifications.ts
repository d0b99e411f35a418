import { spendStore } from '../shared/adapters/compositionRoot';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';

/** GET /notifications/unread-count — how many of the partner's notifications are unread (one read). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => ({
  status: 200,
  body: { unread: await spendStore().unreadCount(principal.partnerId) },
}));
