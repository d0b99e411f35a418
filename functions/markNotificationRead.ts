import { spendStore } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { httpRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { notificationParams } from '../shared/http/schemas/spend';

/** POST /notifications/{id}/read — marks one of the partner's notifications read (again: no change). */
export const handler = httpRoute(
  { auth: 'partner', params: notificationParams, middlewares: [partnerRateLimit()] },
  async ({ principal, params }) => {
    if (!(await spendStore().markRead(principal.partnerId, params.id))) throw new NotFoundError('Notification', { id: params.id });
    return { status: 204 };
  },
);
