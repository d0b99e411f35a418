import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** Response header naming the request an answer belongs to (exposed to browsers by CORS). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The API Gateway request id: the one correlation id of a request, in the access log, in the
 * function's log lines, in `x-request-id` and in `error.requestId`.
 */
export function requestIdOf(event: APIGatewayProxyEventV2 | undefined, context: Context | undefined): string {
  return event?.requestContext?.requestId ?? context?.awsRequestId ?? '';
}
