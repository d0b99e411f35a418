import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The origin a request came to: the API's own address (the local gateway's URL locally). */
export function requestOrigin(event: APIGatewayProxyEventV2): string {
  const host = event.headers?.host ?? event.requestContext.domainName;
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  const protocol = event.headers?.['x-forwarded-proto'] ?? (local ? 'http' : 'https');
  return `${protocol}://${host}`;
}

/**
 * The public origin that links in mails point to: `PUBLIC_BASE_URL` (set by the stack, e.g. the
 * console's origin), else the origin the request came to.
 */
export function publicBaseUrl(event: APIGatewayProxyEventV2, env = process.env): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return requestOrigin(event);
}
