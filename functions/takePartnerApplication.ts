import { applicationWorkDeps } from '../shared/adapters/compositionRoot';
import { takeApplication } from '../shared/domain/applications/workOnApplication';
import { httpRoute } from '../shared/http/httpRoute';
import { idParams } from '../shared/http/schemas/idParams';
import { toApplicationView } from '../shared/http/views/applications';

/** POST /partner-applications/{id}/take — a manager takes an open application; 409 once it is decided. */
export const handler = httpRoute({ auth: 'manager', params: idParams }, async ({ principal, params }) => ({
  status: 200,
  body: toApplicationView(await takeApplication(applicationWorkDeps(), params.id, principal.userId)),
}));
