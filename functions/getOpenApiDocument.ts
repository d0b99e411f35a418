import { operationDocs } from '../shared/http/apiDocs';
import { publicRoute } from '../shared/http/httpRoute';
import { openApiDocument } from '../shared/http/openapi';
import { routes } from '../shared/routeTable';

/** GET /openapi.json — the API described from the same route table and zod schemas that serve it. */
export const handler = publicRoute({}, async ({ event }) => ({
  status: 200,
  body: openApiDocument(routes, operationDocs, `https://${event.requestContext.domainName}`),
}));
