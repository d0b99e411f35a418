import { publicRoute } from '../shared/http/httpRoute';
import { requestOrigin } from '../shared/http/publicBaseUrl';
import document from '../shared/http/openapi.generated.json';

/**
 * GET /openapi.json — the API described from the same route table and zod schemas that serve it,
 * generated ahead of time (`npm run openapi`, checked fresh by a test) and served with this API's
 * own address as the server (the origin the request came to; `PUBLIC_BASE_URL` is the console's).
 */
export const handler = publicRoute({}, async ({ event }) => ({
  status: 200,
  body: { ...document, servers: [{ url: requestOrigin(event) }] },
}));
