import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { ValidationError } from '../domain/errors';
import type { AuthKind } from '../routeTable';
import { toHttpError } from './errorMapping';
import { HttpError } from './HttpError';
import { apiKeyPrincipal } from './apiKeyAuthentication';
import { authenticate, issuerConfigFromEnv } from './authenticate';
import { compressAnswer } from './compressAnswer';
import { partnerMembership } from './partnerMembership';
import { type Principal, principalOf } from './Principal';
import { REQUEST_ID_HEADER, requestIdOf } from './requestId';
import { parseWith } from './validation';
import { partnerStanding } from './partnerStanding';

/** The principal a route sees, narrowed by its auth kind. */
export type PrincipalFor<A extends AuthKind> = A extends 'public'
  ? Principal
  : A extends 'staff'
    ? Extract<Principal, { kind: 'partner' | 'manager' }>
    : Extract<Principal, { kind: A }>;

/** What a route handler receives: validated input and the authenticated caller. */
export interface RouteRequest<A extends AuthKind, B, Q, P> {
  readonly principal: PrincipalFor<A>;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The API Gateway request id (see `x-request-id`). */
  readonly requestId: string;
  readonly event: APIGatewayProxyEventV2;
}

/** What a route handler returns; serialized as JSON. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** A body sent as it is instead of JSON (a CSV export); `headers` name its `content-type`. */
  readonly text?: string;
}

/** How a route is declared: its auth kind, input schemas, and extra middlewares (e.g. idempotency). */
export interface RouteOptions<A extends AuthKind, B, Q, P> {
  readonly auth: A;
  readonly body?: z.ZodMiniType<B>;
  readonly query?: z.ZodMiniType<Q>;
  readonly params?: z.ZodMiniType<P>;
  /** Runs between authorization and the handler, e.g. `idempotentRequests()`. */
  readonly middlewares?: readonly MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[];
}

/** Largest request body accepted, in bytes (API Gateway allows 10 MB; nothing here needs more than this). */
const MAX_BODY_BYTES = 256 * 1024;

/** Renders any error as the documented JSON error response with the request id; 5xx are logged, never explained. */
function errorResponder(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const errorResponderOnError: middy.MiddlewareFn<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = async (request) => {
    const httpError = toHttpError(request.error);
    const requestId = requestIdOf(request.event, request.context);
    if (!httpError.expose) {
      // Loaded on the first 5xx: routes log nothing else, so a cold start does not set up the logger (its Console on stdout) for nothing.
      const { logger } = await import('../observability/logger');
      logger.addContext(request.context);
      logger.setCorrelationId(requestId);
      logger.error('request failed', { error: request.error as Error, routeKey: request.event?.routeKey });
    }
    request.response = jsonResponse(httpError.statusCode, httpError.toBody(requestId), httpError.headers);
  };
  return { onError: errorResponderOnError };
}

/**
 * A middy plugin that names the request on every response, also on a replay that the idempotency
 * middleware answers early (no `after` middleware runs then): the replay carries this request's id.
 * Last of all it compresses the answer for a caller that accepts gzip (after the idempotency
 * middleware has kept it as it was: a replay is compressed for its own caller).
 */
const requestIdOnEveryResponse = {
  requestEnd: (request: middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | null>) => {
    if (!request.response) return;
    request.response.headers = { ...request.response.headers, [REQUEST_ID_HEADER]: requestIdOf(request.event, request.context) };
    // In place: middy has already taken the response object it returns when `requestEnd` runs.
    Object.assign(request.response, compressAnswer(request.response, request.event?.headers?.['accept-encoding']));
  },
};

/** A JSON response with the given status. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** Parses the JSON body; an absent body is `undefined`, anything that is not JSON is a 400/415. */
function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    throw new HttpError('payload_too_large', `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new HttpError('unsupported_media_type', 'Send the body as application/json');
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError('Request body is not valid JSON', [{ path: 'body', message: 'Malformed JSON' }]);
  }
}

/**
 * Wraps a route handler in the one middy stack: error responder → authentication (JWT) →
 * route middlewares (rate limit, idempotency) → input validation → handler → JSON response. Partner
 * routes use `partnerRoute`, which adds the partner's standing (suspended or ended partners are
 * refused) and the membership check.
 *
 * @example
 * export const handler = httpRoute({ auth: 'manager', params: idParams }, async ({ principal, params }) => {
 *   const application = await decideApplication(approvalDeps(), params.id, principal.userId, { action: 'approve' });
 *   return { status: 200, body: toApplicationView(application) };
 * });
 */
export function httpRoute<A extends Exclude<AuthKind, 'public' | 'partner'>, B = undefined, Q = undefined, P = undefined>(
  options: RouteOptions<A, B, Q, P>,
  handle: (request: RouteRequest<A, B, Q, P>) => Promise<RouteResult>,
): HttpHandler {
  return routeStack(options, handle, [authenticate(options.auth)]);
}

/**
 * The stack of a partner route: the token check, the partner's standing (`partnerStanding`: a
 * suspended or ended partner's people are refused), then the membership check (`partnerMembership`:
 * a member of the partner, in a role the route table allows), then the route's own middlewares.
 * The only way to declare a partner route, so none can skip the standing or membership check.
 *
 * @example
 * export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
 *   const client = await clientQueries().get(principal.partnerId, params.id);
 *   if (!client) throw new NotFoundError('Client', { clientId: params.id });
 *   return { status: 200, body: toClientView(client) };
 * });
 */
export function partnerRoute<B = undefined, Q = undefined, P = undefined>(
  options: Omit<RouteOptions<'partner', B, Q, P>, 'auth'>,
  handle: (request: RouteRequest<'partner', B, Q, P>) => Promise<RouteResult>,
): HttpHandler {
  return routeStack({ ...options, auth: 'partner' }, handle, [authenticate('partner', issuerConfigFromEnv, apiKeyPrincipal), partnerStanding(), partnerMembership()]);
}

/**
 * The same stack for a route anyone may call: claims that arrive with the event are dropped, the
 * principal is anonymous. It does not reference the JWT check, so a public function's bundle
 * carries no jose.
 *
 * @example
 * export const handler = publicRoute({ params: invitationTokenParams }, async ({ params }) => ({
 *   status: 200,
 *   body: toInvitationView(await viewInvitation(invitationDeps(), params.token)),
 * }));
 */
export function publicRoute<B = undefined, Q = undefined, P = undefined>(
  options: Omit<RouteOptions<'public', B, Q, P>, 'auth'>,
  handle: (request: RouteRequest<'public', B, Q, P>) => Promise<RouteResult>,
): HttpHandler {
  return routeStack({ ...options, auth: 'public' }, handle, [anonymousCaller()]);
}

type HttpHandler = middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

/** Public routes never trust claims that arrive with the event itself. */
function anonymousCaller(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: async (request) => {
      delete (request.event.requestContext as { authorizer?: unknown }).authorizer;
    },
  };
}

function routeStack<A extends AuthKind, B, Q, P>(
  options: RouteOptions<A, B, Q, P>,
  handle: (request: RouteRequest<A, B, Q, P>) => Promise<RouteResult>,
  callers: readonly MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[],
): HttpHandler {
  const base = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const body = options.body ? parseWith(options.body, readJsonBody(event), 'body') : (undefined as B);
    const query = options.query ? parseWith(options.query, event.queryStringParameters ?? {}, 'query') : (undefined as Q);
    const params = options.params ? parseWith(options.params, event.pathParameters ?? {}, 'path') : (undefined as P);
    const result = await handle({
      principal: principalOf(event) as PrincipalFor<A>,
      body,
      query,
      params,
      headers: event.headers ?? {},
      requestId: requestIdOf(event, context),
      event,
    });
    if (result.text !== undefined) return { statusCode: result.status, headers: { ...result.headers }, body: result.text };
    return jsonResponse(result.status, result.body, result.headers);
  };
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(requestIdOnEveryResponse)
    .use(errorResponder());
  for (const middleware of [...callers, ...(options.middlewares ?? [])]) stack.use(middleware);
  return stack.handler(base);
}
