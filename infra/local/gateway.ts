import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { CorsPolicy } from '../../shared/http/cors';
import type { RouteSpec } from '../../shared/routeTable';
import { listenLocally, type ListeningServer } from './listenLocally';

/** A Lambda handler as the functions export it. */
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** A local-only endpoint (JWKS, clock, demo login); never part of the route table or of AWS. */
export type LocalEndpoint = (request: { body: unknown; query: URLSearchParams }) => Promise<{ status: number; body: unknown }>;

/** What the local gateway serves. */
export interface GatewayOptions {
  readonly routes: readonly RouteSpec[];
  readonly cors: CorsPolicy;
  /** Local-only endpoints by `METHOD /path`, e.g. `GET /.well-known/jwks.json`. */
  readonly localEndpoints?: Readonly<Record<string, LocalEndpoint>>;
  readonly port?: number;
}

/** A running gateway. */
export type RunningGateway = ListeningServer;

/** Loads `functions/<name>.ts` once and returns its `handler`. */
const handlerCache = new Map<string, Promise<HttpHandler>>();
function loadHandler(name: string): Promise<HttpHandler> {
  let loaded = handlerCache.get(name);
  if (!loaded) {
    loaded = import(`../../functions/${name}`).then((module: { handler: HttpHandler }) => module.handler);
    handlerCache.set(name, loaded);
  }
  return loaded;
}

/** Turns `/clients/{id}` into a matcher that yields path parameters. */
function compilePath(path: string): (actual: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}$`);
  return (actual) => {
    const match = regex.exec(actual);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  };
}

/** A Lambda context good enough for middy and Powertools. */
export function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function corsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (!origin || !(policy.allowOrigins.includes(origin) || policy.allowOrigins.includes('*'))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': policy.exposeHeaders.join(','),
    vary: 'origin',
  };
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** An answer of the gateway itself (not of a function), in the API's error shape. */
function sendError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string>): void {
  const body = { error: { code, message, details: {} } };
  send(response, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(body));
}

/**
 * Serves the route table over HTTP the way API Gateway HTTP API (payload v2) does: same handlers,
 * same event shape, CORS preflight answered by the gateway from the same policy as the CDK stack.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const compiled = options.routes.map((route) => ({ route, match: compilePath(route.path) }));
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://local');
      const method = (request.method ?? 'GET').toUpperCase();
      const origin = request.headers.origin;
      const cors = corsHeaders(options.cors, origin);
      if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
        const allowed = Object.keys(cors).length > 0;
        return send(response, 204, allowed ? {
          ...cors,
          'access-control-allow-methods': options.cors.allowMethods.join(','),
          'access-control-allow-headers': options.cors.allowHeaders.join(','),
          'access-control-max-age': String(options.cors.maxAgeSeconds),
        } : {}, '');
      }
      const raw = await readBody(request);
      const local = options.localEndpoints?.[`${method} ${url.pathname}`];
      if (local) {
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          return sendError(response, 400, 'validation_failed', 'Request body is not valid JSON', cors);
        }
        const result = await local({ body, query: url.searchParams });
        return send(response, result.status, { 'content-type': 'application/json; charset=utf-8', ...cors }, JSON.stringify(result.body));
      }
      const candidates = compiled.map(({ route, match }) => ({ route, params: match(url.pathname) })).filter((c) => c.params);
      const found = candidates.find((c) => c.route.method === method);
      if (!found?.params) {
        return candidates.length > 0
          ? sendError(response, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, cors)
          : sendError(response, 404, 'route_not_found', `No route for ${method} ${url.pathname}`, cors);
      }
      const requestId = randomUUID();
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value ?? '']),
      );
      const query = new Map<string, string>();
      for (const [name, value] of url.searchParams) query.set(name, query.has(name) ? `${query.get(name)},${value}` : value);
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: `${found.route.method} ${found.route.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(query.size > 0 && { queryStringParameters: Object.fromEntries(query) }),
        ...(Object.keys(found.params).length > 0 && { pathParameters: found.params }),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          // The gateway's own address, as API Gateway names its own domain: never the caller's `Host` header.
          domainName: `${request.socket.localAddress ?? '127.0.0.1'}:${request.socket.localPort ?? 0}`,
          domainPrefix: 'local',
          http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId,
          routeKey: `${found.route.method} ${found.route.path}`,
          stage: '$default',
          time: new Date().toISOString(),
          timeEpoch: Date.now(),
        },
        ...(raw && { body: raw }),
        isBase64Encoded: false,
      };
      try {
        const handler = await loadHandler(found.route.handler);
        const result = await handler(event, lambdaContext(found.route.handler, requestId));
        // A base64 body is binary (a compressed answer): API Gateway sends its bytes.
        const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : result.body ?? '';
        send(response, result.statusCode ?? 200, { ...(result.headers as Record<string, string>), ...cors }, body);
      } catch (error) {
        // API Gateway answers 500 when a function crashes outside middy; say nothing more here either.
        console.error(`[gateway] ${found.route.handler} crashed`, error);
        sendError(response, 500, 'internal_error', 'Internal error', cors);
      }
    })();
  });
  return listenLocally(server, options.port);
}
