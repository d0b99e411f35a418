import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A host name with an optional port, and nothing else (no scheme, path or user info). */
const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?$/i;

/** The local gateway's own address (plain HTTP on the loopback interface); never an address in AWS. */
const LOOPBACK = /^127\.0\.0\.1:\d{1,5}$/;

/**
 * The origin a request came to: the API's own address, from the request context's domain name
 * (API Gateway sets it to the domain the API is served on; the local gateway to its own loopback
 * address), `https` except on loopback. Never from `Host` or `X-Forwarded-*`: a caller writes those.
 * A domain name that is not a plain host answers the relative `/`. Never used for links in mails.
 */
export function requestOrigin(event: APIGatewayProxyEventV2): string {
  const domain = event.requestContext?.domainName ?? '';
  if (!HOST.test(domain)) return '/';
  return `${LOOPBACK.test(domain) ? 'http' : 'https'}://${domain.toLowerCase()}`;
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
