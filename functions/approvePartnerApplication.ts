import { approvalDeps } from '../shared/adapters/compositionRoot';
import { decideApplication } from '../shared/domain/applications/decideApplication';
import { httpRoute } from '../shared/http/httpRoute';
import { toApplicationView } from '../shared/http/views/applications';
import { approveBody } from '../shared/http/schemas/applications';
import { idParams } from '../shared/http/schemas/idParams';

/** POST /partner-applications/{id}/approve — a manager's decision; 409 if the status does not allow it. */
export const handler = httpRoute({ auth: 'manager', params: idParams, body: approveBody }, async ({ principal, params, body }) => {
  const application = await decideApplication(approvalDeps(), params.id, principal.userId, {
    action: 'approve', reapproveEndedPartner: body?.reapproveEndedPartner === true,
  });
  return { status: 200, body: toApplicationView(application) };
});
