import { spendStore } from '../shared/adapters/compositionRoot';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { pageQuery } from '../shared/http/schemas/spend';
import { toNotificationView, toPageView } from '../shared/http/views/spend';

/** GET /notifications — the partner's spend alerts, newest first. */
export const handler = partnerRoute(
  { query: pageQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => ({ status: 200, body: toPageView(await spendStore().listNotifications(principal.partnerId, query), toNotificationView) }),
);
