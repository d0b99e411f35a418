import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/gateway';
import type { RouteSpec } from '../../shared/routeTable';
import { validateResponse } from './validateResponse';

/** A route handler as `functions/<name>.ts` exports it. */
export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** What a caller sends; everything optional so that tests and fuzzers can leave parts out. */
export interface ApiRequest {
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  /** Becomes `authorization: Bearer <token>`. */
  readonly token?: string;
  /** The caller's address as API Gateway sees it (`requestContext.http.sourceIp`); 127.0.0.1 unless given. */
  readonly sourceIp?: string;
}

/**
 * The API Gateway HTTP API (payload v2) event for a request to a route, as the gateway in AWS
 * (and `infra/local/gateway.ts` locally) would deliver it to the function.
 */
export function apiGatewayEvent(route: Pick<RouteSpec, 'method' | 'path'>, request: ApiRequest = {}): APIGatewayProxyEventV2 {
  const params = request.pathParameters ?? {};
  // A URL cannot carry an unpaired surrogate (it has no UTF-8 form): the raw path shows U+FFFD instead, the parameters keep it.
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((params[name] ?? '').replace(/\p{Cs}/gu, '\uFFFD')));
  const requestId = randomUUID();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: {
      ...request.headers,
      ...(request.token !== undefined && { authorization: `Bearer ${request.token}` }),
    },
    ...(request.query && { queryStringParameters: request.query }),
    ...(request.pathParameters && { pathParameters: request.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: request.sourceIp ?? '127.0.0.1', userAgent: 'partnerdesk-tests' },
      requestId,
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    ...(request.body !== undefined && { body: request.body }),
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
}

/** A JSON request body with its content type. */
export function jsonBody(value: unknown): Pick<ApiRequest, 'body' | 'headers'> {
  return { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

const loadedHandlers = new Map<string, RouteHandler>();

/** Imports `functions/<name>.ts` once and returns its handler; later calls reuse it, as a warm container does. */
export async function routeHandler(name: string): Promise<RouteHandler> {
  let handler = loadedHandlers.get(name);
  if (!handler) {
    handler = ((await import(`../../functions/${name}`)) as { handler: RouteHandler }).handler;
    loadedHandlers.set(name, handler);
  }
  return handler;
}

/**
 * Calls a route's real handler with the event for `request`, as one Lambda invocation, and checks
 * its answer against the OpenAPI document (throws when the document does not allow it). The bench
 * passes `{ validate: false }` so that what it times is the function alone.
 */
export async function invokeRoute(
  route: RouteSpec,
  request: ApiRequest = {},
  { validate = true }: { validate?: boolean } = {},
): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = await routeHandler(route.handler);
  const event = apiGatewayEvent(route, request);
  const result = await handler(event, lambdaContext(route.handler, event.requestContext.requestId));
  if (validate) {
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]));
    validateResponse(route.method, route.path, result.statusCode ?? 200, headers, result.body);
  }
  return result;
}

/** The route of the route table with this method and path; throws when the table has none. */
export function routeOf(routes: readonly RouteSpec[], method: RouteSpec['method'], path: string): RouteSpec {
  const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`No route ${method} ${path} in the route table`);
  return route;
}
