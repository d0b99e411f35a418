import { publicRoute } from '../shared/http/httpRoute';
import document from '../shared/http/openapi.generated.json';

/**
 * GET /openapi.json — the API described from the same route table and zod schemas that serve it,
 * generated ahead of time (`npm run openapi`, checked fresh by a test) and served with this API's
 * own address as the server.
 */
export const handler = publicRoute({}, async ({ event }) => ({
  status: 200,
  body: { ...document, servers: [{ url: `https://${event.requestContext.domainName}` }] },
}));
