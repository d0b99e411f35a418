import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { toHttpError } from './errorMapping';
import type { HttpError } from './HttpError';
import { REQUEST_ID_HEADER, requestIdOf } from './requestId';

/** A Lambda handler for HTTP API events. */
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A whole HTML document with a title and an already-escaped body. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}` +
    `button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem;cursor:pointer}.muted{color:#666}</style></head><body>${body}</body></html>`;
}

/** True when the caller (a browser) asks for HTML rather than JSON. */
export function wantsHtml(event: APIGatewayProxyEventV2): boolean {
  return /\btext\/html\b/i.test(event.headers?.accept ?? '');
}

function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The page URL carries the invitation token: never send it on as a referrer, never frame or script the page.
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      ...headers,
    },
    body: html,
  };
}

function errorPage(error: HttpError, requestId: string): string {
  return htmlDocument('Invitation', `<h1>${escapeHtml(error.expose ? error.message : 'Something went wrong')}</h1>` +
    `<p class="muted">${escapeHtml(error.code)} · request ${escapeHtml(requestId)}</p>`);
}

/**
 * Serves a route as JSON (the `json` handler, the one middy stack) or, for browsers that ask for
 * `text/html`, as a small page rendered by `html`. Errors on the page use the same status and
 * message as the JSON error (the one error mapping) and show the request id; every page names its
 * request in `x-request-id`, as JSON answers do.
 */
export function htmlOrJson(json: HttpHandler, html: (event: APIGatewayProxyEventV2) => Promise<string>): HttpHandler {
  return async (event, context) => {
    if (!wantsHtml(event)) return json(event, context);
    const requestId = requestIdOf(event, context);
    try {
      return htmlResponse(200, await html(event), { [REQUEST_ID_HEADER]: requestId });
    } catch (error) {
      const httpError = toHttpError(error);
      return htmlResponse(httpError.statusCode, errorPage(httpError, requestId), { ...httpError.headers, [REQUEST_ID_HEADER]: requestId });
    }
  };
}
