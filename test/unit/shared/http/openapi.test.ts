import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as getOpenApiDocument } from '../../../../functions/getOpenApiDocument';
import { GENERATED_OPENAPI_FILE, generatedOpenApiText } from '../../../../infra/generateOpenApi';
import { namedSchemas, operationDocs } from '../../../../shared/http/apiDocs';
import { openApiDocument } from '../../../../shared/http/openapi';
import { OPENAPI_DOCUMENT_BROTLI_BASE64 } from '../../../../shared/http/openapi.generated.br';
import { routes } from '../../../../shared/routeTable';
import { WEBHOOK_EVENT_OF_DOMAIN_EVENT } from '../../../../shared/domain/webhooks/deliverWebhookEvents';
import { WEBHOOK_TEST_EVENT } from '../../../../shared/domain/webhooks/WebhookEvent';

type Reference = { $ref: string } | Record<string, unknown>;

describe('openApiDocument', () => {
  const document = openApiDocument(routes, operationDocs, namedSchemas, 'https://api.example.com') as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; security: unknown[] }>>;
    components: { responses: Record<string, unknown> };
  };
  /** An answer, or the shared one its `$ref` names. */
  const answer = (value: Reference) => (typeof value.$ref === 'string' ? document.components.responses[value.$ref.split('/').at(-1)!] : value);

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    expect(Object.keys(operationDocs).sort()).toEqual(documented.sort());
  });

  it('derives request bodies from the validating zod schemas', () => {
    const submit = document.paths['/partner-applications']?.post;
    expect(submit?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['name', 'email', 'phone', 'company', 'message'] } } },
    });
  });

  it('requires a body only where the route refuses to run without one', () => {
    expect(document.paths['/partner-applications']?.post?.requestBody).toMatchObject({ required: true });
    expect(document.paths['/clients/bulk']?.post?.requestBody).toMatchObject({ required: true });
    // The preview step of a single-client operation has no body; the confirmation sends {"confirm": token}.
    expect(document.paths['/clients/{id}/block']?.post?.requestBody).toMatchObject({ required: false });
    expect(document.paths['/clients/{id}']?.delete?.requestBody).toMatchObject({ required: false });
  });

  it('names the token each route needs: none for public routes, the role\'s token for the others', () => {
    expect(document.paths['/partner-applications']?.post?.security).toEqual([]);
    expect(document.paths['/partner-applications']?.get?.security).toEqual([{ managerIdToken: [] }]);
    expect(document.paths['/clients']?.get?.security).toEqual([{ partnerIdToken: [] }, { partnerApiKey: [] }]);
    expect(document.paths['/team/members']?.get?.security).toEqual([{ partnerIdToken: [] }]);
    expect(document.paths['/billing-events']?.post?.security).toEqual([{ billingAccessToken: [] }]);
  });

  it('documents the payload of every event delivered to webhook endpoints under x-webhooks', () => {
    const webhooks = (document as unknown as { 'x-webhooks': Record<string, { post: { requestBody: unknown } }> })['x-webhooks'];
    expect(Object.keys(webhooks).sort()).toEqual([...new Set([...Object.values(WEBHOOK_EVENT_OF_DOMAIN_EVENT), WEBHOOK_TEST_EVENT])].sort());
  });

  it('names the API-key scope of every partner operation that takes keys, and the key refusals it may answer', () => {
    const operation = (path: string, method: string) => document.paths[path]?.[method] as unknown as Record<string, unknown>;
    expect(operation('/clients', 'get')['x-api-key-scope']).toBe('clients:read');
    expect(operation('/clients/{id}/block', 'post')['x-api-key-scope']).toBe('clients:write');
    expect(operation('/api-keys', 'post')['x-api-key-scope']).toBeUndefined();
    for (const route of routes.filter((r) => r.auth === 'partner')) {
      expect([route.path, operation(route.path, route.method.toLowerCase())['x-api-key-scope']]).toEqual([route.path, route.scope ?? undefined]);
    }
  });

  it('lists every status an operation answers, with the codes each error status carries, read from the one code table', () => {
    const responses = (path: string, method: string) => (document.paths[path]?.[method] as unknown as { responses: Record<string, Reference> }).responses;
    const codes = (path: string, method: string, status: string) =>
      (answer(responses(path, method)[status]!) as { content: Record<string, { schema: { properties: { error: { properties: { code: { enum: string[] } } } } } }> })
        .content['application/json']?.schema.properties.error.properties.code.enum;

    expect(Object.keys(responses('/clients', 'post')).sort()).toEqual(['200', '201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '503']);
    expect(codes('/clients', 'post', '409')).toEqual(['request_in_progress', 'client_exists', 'invitation_pending', 'concurrent_change']);
    expect(codes('/clients', 'post', '422')).toEqual(['idempotency_key_reused', 'unknown_account']);
    expect(codes('/clients/{id}/balance', 'get', '409')).toEqual(['client_not_active']);
    expect(codes('/invitations/{token}/accept', 'post', '403')).toEqual(['forbidden', 'wrong_account']);
    expect(codes('/invitations/{token}/accept', 'post', '409')).toEqual(['request_in_progress', 'invitation_closed', 'concurrent_change', 'already_client', 'account_served']);
    // Manager routes neither rate-limit nor honour Idempotency-Key: no 429, no idempotency codes (413 / 415: approval takes an optional body).
    expect(Object.keys(responses('/partner-applications/{id}/approve', 'post')).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '500', '503']);
    expect(codes('/partner-applications/{id}/approve', 'post', '409')).toEqual(['invalid_transition', 'email_already_partner', 'email_of_ended_partner', 'staff_login_exists']);
  });

  it('documents x-request-id on every answer, Retry-After on 429 and 503, Location where the answer names a resource, and the HTML page of invitations', () => {
    const response = (path: string, method: string, status: string) =>
      answer((document.paths[path]?.[method] as unknown as { responses: Record<string, Reference> }).responses[status]!) as
        { headers?: Record<string, unknown>; content?: Record<string, unknown> } | undefined;

    expect(Object.keys(response('/clients', 'get', '429')?.headers ?? {})).toEqual(['x-request-id', 'Retry-After']);
    expect(Object.keys(response('/clients', 'get', '503')?.headers ?? {})).toEqual(['x-request-id', 'Retry-After']);
    expect(Object.keys(response('/clients', 'post', '201')?.headers ?? {})).toEqual(['x-request-id', 'Location']);
    // Every answer names its request, the id a partner quotes to support.
    expect(Object.keys(response('/clients', 'get', '200')?.headers ?? {})).toEqual(['x-request-id']);
    expect(Object.keys(response('/clients/{id}', 'get', '404')?.headers ?? {})).toEqual(['x-request-id']);
    expect(Object.keys(response('/invitations/{token}', 'get', '200')?.content ?? {})).toEqual(['application/json', 'text/html']);
    expect(Object.keys(response('/invitations/{token}', 'get', '404')?.content ?? {})).toEqual(['application/json', 'text/html']);
    // Answering takes the owner's console token: JSON only, the page sends the owner to the console.
    expect(Object.keys(response('/invitations/{token}/accept', 'post', '409')?.content ?? {})).toEqual(['application/json']);
  });

  it('gives every request body and every response body an example', () => {
    type Content = Record<string, { example?: unknown }>;
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation: operation as unknown as { requestBody?: { content: Content }; responses: Record<string, { content?: Content }> },
    })));
    const missing = operations.flatMap(({ key, operation }) => [
      ...(operation.requestBody && operation.requestBody.content['application/json']?.example === undefined ? [`${key} request`] : []),
      ...Object.entries(operation.responses)
        .filter(([, response]) => response.content && Object.values(response.content).some((media) => media.example === undefined))
        .map(([status]) => `${key} ${status}`),
    ]);
    expect(missing).toEqual([]);
  });

  it('is committed exactly as generated from the route table and schemas', () => {
    const committed = readFileSync(GENERATED_OPENAPI_FILE, 'utf8');
    // On failure: run `npm run openapi` and commit shared/http/openapi.generated.json.
    expect(committed === generatedOpenApiText() ? 'fresh' : 'stale, run npm run openapi').toBe('fresh');
  });

  it('is committed compressed for its function, decoding to exactly the committed document', () => {
    const committed = JSON.stringify(JSON.parse(readFileSync(GENERATED_OPENAPI_FILE, 'utf8')));
    const decoded = brotliDecompressSync(Buffer.from(OPENAPI_DOCUMENT_BROTLI_BASE64, 'base64')).toString('utf8');
    // On failure: run `npm run openapi` and commit shared/http/openapi.generated.br.ts.
    expect(decoded === committed ? 'fresh' : 'stale, run npm run openapi').toBe('fresh');
  });

  it('is bundled compressed by GET /openapi.json\'s function alone', () => {
    const root = path.join(__dirname, '..', '..', '..', '..');
    const importers = ['functions', 'shared', 'infra', 'web/src']
      .flatMap((folder) => readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) => path.join(folder, file)))
      .filter((file) => /\.tsx?$/.test(file) && /from '[^']*openapi\.generated\.br'/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(importers).toEqual([path.join('functions', 'getOpenApiDocument.ts')]);
  });

  const openApiRequest = (headers: Record<string, string>, domainName = 'api.partnerdesk.example') => ({
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers,
    requestContext: { requestId: 'r-1', domainName, http: { method: 'GET', path: '/openapi.json' } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
  const servedServers = async (event: APIGatewayProxyEventV2) =>
    (JSON.parse((await getOpenApiDocument(event, { awsRequestId: 'r-s' } as Context)).body ?? '{}') as { servers: unknown }).servers;

  it('is served by GET /openapi.json as committed, with the API\'s own address as the server', async () => {
    const committed = JSON.parse(readFileSync(GENERATED_OPENAPI_FILE, 'utf8')) as Record<string, unknown>;
    const first = await getOpenApiDocument(openApiRequest({}), { awsRequestId: 'r-1' } as Context);
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body ?? '{}')).toEqual({ ...committed, servers: [{ url: 'https://api.partnerdesk.example' }] });
    expect(await servedServers(openApiRequest({}, 'api2.partnerdesk.example'))).toEqual([{ url: 'https://api2.partnerdesk.example' }]);
  });

  it('takes the server from the request context, never from Host or X-Forwarded-* (a caller writes those)', async () => {
    const forged = openApiRequest({ host: 'evil.example', 'x-forwarded-proto': 'javascript:alert(1)//', 'x-forwarded-host': 'evil.example' });
    expect(await servedServers(forged)).toEqual([{ url: 'https://api.partnerdesk.example' }]);
    expect(await servedServers(openApiRequest({}, 'javascript:alert(1)//evil.example'))).toEqual([{ url: '/' }]);
  });

  it('names the local gateway (plain HTTP on loopback) as the server when served locally, even when PUBLIC_BASE_URL (the console) is set', async () => {
    expect(await servedServers(openApiRequest({ host: 'evil.example' }, '127.0.0.1:3000'))).toEqual([{ url: 'http://127.0.0.1:3000' }]);
    expect(await servedServers(openApiRequest({}, 'localhost:3000'))).toEqual([{ url: 'https://localhost:3000' }]);
    process.env.PUBLIC_BASE_URL = 'https://partners.example.com/';
    try {
      expect(await servedServers(openApiRequest({}, '127.0.0.1:3000'))).toEqual([{ url: 'http://127.0.0.1:3000' }]);
    } finally {
      delete process.env.PUBLIC_BASE_URL;
    }
  });
});
