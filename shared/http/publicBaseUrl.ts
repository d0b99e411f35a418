import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The origin a request came to: the API's own address (the local gateway's URL locally). Never used for links in mails. */
export function requestOrigin(event: APIGatewayProxyEventV2): string {
  const host = event.headers?.host ?? event.requestContext.domainName;
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  const protocol = event.headers?.['x-forwarded-proto'] ?? (local ? 'http' : 'https');
  return `${protocol}://${host}`;
}

/**
 * The public origin that links in mails point to: `PUBLIC_BASE_URL` (set by the stack to the
 * console's origin, by the local stack to its gateway). Required: a link taken from the request's
 * `Host` header would let a caller point someone else's invitation at any site.
 */
export function publicBaseUrl(env = process.env): string {
  const configured = env.PUBLIC_BASE_URL?.trim();
  if (!configured) {
    throw new Error('PUBLIC_BASE_URL is not set: invitation links need the console origin (CDK context publicBaseUrl); they are never taken from the Host header');
  }
  return configured.replace(/\/+$/, '');
}
