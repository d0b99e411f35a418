import { applicationQueries } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { httpRoute } from '../shared/http/httpRoute';
import { toApplicationView } from '../shared/http/views/applications';
import { idParams } from '../shared/http/schemas/idParams';

/** GET /partner-applications/{id} — one application, for managers. */
export const handler = httpRoute({ auth: 'manager', params: idParams }, async ({ params }) => {
  const application = await applicationQueries().get(params.id);
  if (!application) throw new NotFoundError('Partner application');
  return { status: 200, body: toApplicationView(application) };
});
