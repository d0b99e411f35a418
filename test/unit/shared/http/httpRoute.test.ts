import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { NotFoundError } from '../../../../shared/domain/errors';
import { partnerRoute, publicRoute } from '../../../../shared/http/httpRoute';

const context = { awsRequestId: 'lambda-req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/** The API Gateway request id of `event()`: what responses name, not the Lambda request id. */
const API_REQUEST_ID = 'api-req-1';

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { requestId: API_REQUEST_ID, http: { method: 'POST', path: '/things' } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...overrides,
  };
}

const echo = publicRoute(
  { body: z.object({ name: z.string().check(z.minLength(1)) }) },
  async ({ body }) => ({ status: 201, body: { hello: body.name } }),
);

describe('httpRoute', () => {
  it('answers the handler result as JSON', async () => {
    const response = await echo(event({ body: '{"name":"Ann"}' }), context);
    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': API_REQUEST_ID },
      body: '{"hello":"Ann"}',
    });
  });

  it('answers 400 in the documented shape when the body breaks the schema', async () => {
    const response = await echo(event({ body: '{"name":""}' }), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid body',
        details: { issues: [{ path: 'body.name', message: expect.stringContaining('>=1') }] },
        requestId: API_REQUEST_ID,
      },
    });
    expect(response.headers?.['x-request-id']).toBe(API_REQUEST_ID);
  });

  it('answers 400 for malformed JSON and 415 for another content type', async () => {
    expect((await echo(event({ body: '{"name":' }), context)).statusCode).toBe(400);
    expect((await echo(event({ body: 'name=x', headers: { 'content-type': 'text/plain' } }), context)).statusCode).toBe(415);
  });

  it('maps domain errors by class and hides unexpected ones behind a generic 500', async () => {
    const missing = publicRoute({}, async () => {
      throw new NotFoundError('Client');
    });
    const crashing = publicRoute({}, async () => {
      throw new Error('secret detail');
    });
    expect(JSON.parse((await missing(event(), context)).body ?? '')).toEqual({
      error: { code: 'not_found', message: 'Client not found', details: {}, requestId: API_REQUEST_ID },
    });
    const crashed = await crashing(event(), context);
    expect(crashed.statusCode).toBe(500);
    expect(crashed.body).not.toContain('secret');
    expect(JSON.parse(crashed.body ?? '')).toEqual({
      error: { code: 'internal_error', message: 'Internal error', details: {}, requestId: API_REQUEST_ID },
    });
    expect(crashed.headers?.['x-request-id']).toBe(API_REQUEST_ID);
  });

  it('answers 401 without a bearer token on a protected route', async () => {
    const protectedRoute = partnerRoute({}, async () => ({ status: 200 }));
    const response = await protectedRoute(event(), context);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body ?? '').error.code).toBe('unauthorized');
  });

  it('names this request on a response a middleware answers early (an idempotent replay of another request)', async () => {
    const replaying = publicRoute(
      {
        middlewares: [{
          before: async () => ({ statusCode: 201, headers: { 'content-type': 'application/json', 'x-request-id': 'first-request' }, body: '{}' }),
        }],
      },
      async () => ({ status: 500 }),
    );

    const response = await replaying(event(), context);

    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-request-id': API_REQUEST_ID },
      body: '{}',
    });
  });

  it('gives a public route an anonymous caller even when claims arrive with the event', async () => {
    const whoAmI = publicRoute({}, async ({ principal }) => ({ status: 200, body: principal }));
    const forged = event();
    (forged.requestContext as { authorizer?: unknown }).authorizer = {
      jwt: { claims: { sub: 'u-1', 'custom:role': 'manager', email: 'm@example.com' }, scopes: null },
    };
    const response = await whoAmI(forged, context);
    expect(JSON.parse(response.body ?? '')).toEqual({ kind: 'anonymous' });
  });
});
