import { spendStore } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { notificationParams } from '../shared/http/schemas/spend';

/** POST /notifications/{id}/read — marks one of the partner's notifications read (again: no change). */
export const handler = partnerRoute(
  { params: notificationParams, middlewares: [partnerRateLimit()] },
  async ({ principal, params }) => {
    if (!(await spendStore().markRead(principal.partnerId, params.id))) throw new NotFoundError('Notification', { id: params.id });
    return { status: 204 };
  },
);
