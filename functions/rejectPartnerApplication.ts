import { applicationDeps } from '../shared/adapters/compositionRoot';
import { decideApplication } from '../shared/domain/applications/decideApplication';
import { httpRoute } from '../shared/http/httpRoute';
import { rejectBody } from '../shared/http/schemas/rejectApplicationBody';
import { toApplicationView } from '../shared/http/views/applications';
import { idParams } from '../shared/http/schemas/idParams';

/** POST /partner-applications/{id}/reject — a manager's decision; 409 if the status does not allow it. */
export const handler = httpRoute({ auth: 'manager', params: idParams, body: rejectBody }, async ({ principal, params, body }) => {
  const application = await decideApplication(applicationDeps(), params.id, principal.userId, { action: 'reject', reason: body.reason });
  return { status: 200, body: toApplicationView(application) };
});
