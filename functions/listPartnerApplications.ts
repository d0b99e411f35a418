import { applicationQueries } from '../shared/adapters/compositionRoot';
import { httpRoute } from '../shared/http/httpRoute';
import { listApplicationsQuery } from '../shared/http/schemas/listApplicationsQuery';
import { toApplicationView } from '../shared/http/views/applications';

/** GET /partner-applications — managers list applications, newest first, optionally by status, "mine" or a search. */
export const handler = httpRoute({ auth: 'manager', query: listApplicationsQuery }, async ({ query, principal }) => {
  const { mine, ...filter } = query;
  const page = await applicationQueries().list({ ...filter, ...(mine === 'true' && { heldBy: principal.userId }) });
  return { status: 200, body: { items: page.items.map(toApplicationView), nextCursor: page.nextCursor ?? null } };
});
