import { publicRoute } from '../shared/http/httpRoute';
import { inflateDocument } from '../shared/http/inflateDocument';
import { OPENAPI_DOCUMENT_BROTLI_BASE64 } from '../shared/http/openapi.generated.br';
import { requestOrigin } from '../shared/http/publicBaseUrl';

/** Inflated on the container's first request, then kept: the bundle carries the document compressed. */
let document: Record<string, unknown> | undefined;

/**
 * GET /openapi.json — the API described from the same route table and zod schemas that serve it,
 * generated ahead of time (`npm run openapi`, checked fresh by a test) and served with this API's
 * own address as the server (the origin the request came to; `PUBLIC_BASE_URL` is the console's).
 */
export const handler = publicRoute({}, async ({ event }) => {
  document ??= inflateDocument(OPENAPI_DOCUMENT_BROTLI_BASE64);
  return { status: 200, body: { ...document, servers: [{ url: requestOrigin(event) }] } };
});
