import { spendStore } from '../shared/adapters/compositionRoot';
import { clientNamesOf } from '../shared/http/clientNames';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { pageQuery } from '../shared/http/schemas/spend';
import { toNotificationView, toPageView } from '../shared/http/views/spend';

/** GET /notifications — the partner's spend alerts, newest first, each naming its client. */
export const handler = partnerRoute(
  { query: pageQuery, middlewares: [partnerRateLimit()] },
  async ({ principal, query }) => {
    const page = await spendStore().listNotifications(principal.partnerId, query);
    const clients = await clientNamesOf(principal.partnerId, page.items.map((notification) => notification.clientId));
    return { status: 200, body: toPageView(page, (notification) => toNotificationView(notification, clients)) };
  },
);
