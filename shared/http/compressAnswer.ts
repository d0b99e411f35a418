/**
 * Answers compressed with gzip for a caller that accepts it. API Gateway's HTTP APIs never compress
 * (only REST APIs have `minimumCompressionSize`), and the console's larger reads — a 90-day balance
 * detail is ≈ 23 KB of JSON, a page of 100 clients more — shrink 5–8 times: on a phone network that
 * is a round trip's worth of time, and the answer stays further from Lambda's 6 MB limit.
 *
 * Hand-written rather than `@middy/http-content-encoding`: that middleware needs
 * `@middy/http-content-negotiation` before it and both would join every route's bundle, while one
 * `gzipSync` from Node's own `zlib` adds nothing to it.
 */
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Below this an answer goes as it is: gzip's own header and the CPU would buy nothing. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Whether an `Accept-Encoding` header accepts gzip (`gzip` or `*`, not with `q=0`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((part) => {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const refused = parameters.some((parameter) => /^q=0(\.0{0,3})?$/.test(parameter));
    return (coding === 'gzip' || coding === '*') && !refused;
  });
}

/** `response` gzipped (base64, as API Gateway wants binary) when the caller accepts it and it is large enough; else as it is. */
export function compressAnswer(response: APIGatewayProxyStructuredResultV2, acceptEncoding: string | undefined): APIGatewayProxyStructuredResultV2 {
  const { body } = response;
  if (typeof body !== 'string' || response.isBase64Encoded || Buffer.byteLength(body) < MIN_COMPRESSED_BYTES) return response;
  const headers = { ...response.headers, vary: 'accept-encoding' };
  if (!acceptsGzip(acceptEncoding) || response.headers?.['content-encoding']) return { ...response, headers };
  return { ...response, headers: { ...headers, 'content-encoding': 'gzip' }, body: gzipSync(body).toString('base64'), isBase64Encoded: true };
}
