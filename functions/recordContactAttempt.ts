import { applicationWorkDeps } from '../shared/adapters/compositionRoot';
import { recordContactAttempt } from '../shared/domain/applications/workOnApplication';
import { httpRoute } from '../shared/http/httpRoute';
import { contactAttemptBody } from '../shared/http/schemas/applications';
import { idParams } from '../shared/http/schemas/idParams';
import { toApplicationView } from '../shared/http/views/applications';

/** POST /partner-applications/{id}/contact-attempts — a manager records an attempt with a note; reaching the applicant stops the 48-hour clock. */
export const handler = httpRoute({ auth: 'manager', params: idParams, body: contactAttemptBody }, async ({ principal, params, body }) => ({
  status: 200,
  body: toApplicationView(await recordContactAttempt(applicationWorkDeps(), params.id, principal.userId, body)),
}));
