import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The public origin that links in mails point to: `PUBLIC_BASE_URL` (set by the stack, e.g. the
 * API's custom domain), else the origin the request came to (the local gateway's URL locally).
 */
export function publicBaseUrl(event: APIGatewayProxyEventV2, env = process.env): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const host = event.headers?.host ?? event.requestContext.domainName;
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  const protocol = event.headers?.['x-forwarded-proto'] ?? (local ? 'http' : 'https');
  return `${protocol}://${host}`;
}
