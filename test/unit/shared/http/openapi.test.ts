import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as getOpenApiDocument } from '../../../../functions/getOpenApiDocument';
import { GENERATED_OPENAPI_FILE, generatedOpenApiText } from '../../../../infra/generateOpenApi';
import { operationDocs } from '../../../../shared/http/apiDocs';
import { openApiDocument } from '../../../../shared/http/openapi';
import { routes } from '../../../../shared/routeTable';

describe('openApiDocument', () => {
  const document = openApiDocument(routes, operationDocs, 'https://api.example.com') as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; security: unknown[] }>>;
  };

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

  it('marks public routes as needing no token and the others as bearer-protected', () => {
    expect(document.paths['/partner-applications']?.post?.security).toEqual([]);
    expect(document.paths['/partner-applications']?.get?.security).toEqual([{ bearer: [] }]);
  });

  it('is committed exactly as generated from the route table and schemas', () => {
    const committed = readFileSync(GENERATED_OPENAPI_FILE, 'utf8');
    // On failure: run `npm run openapi` and commit shared/http/openapi.generated.json.
    expect(committed === generatedOpenApiText() ? 'fresh' : 'stale, run npm run openapi').toBe('fresh');
  });

  const openApiRequest = (headers: Record<string, string>) => ({
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers,
    requestContext: { requestId: 'r-1', domainName: 'api.partnerdesk.example', http: { method: 'GET', path: '/openapi.json' } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

  it('is served by GET /openapi.json with the API\'s own address as the server', async () => {
    const response = await getOpenApiDocument(openApiRequest({}), { awsRequestId: 'r-1' } as Context);
    expect(response.statusCode).toBe(200);
    const served = JSON.parse(response.body ?? '{}') as { servers: unknown; paths: unknown };
    expect(served.servers).toEqual([{ url: 'https://api.partnerdesk.example' }]);
    expect(served.paths).toEqual(openApiDocument(routes, operationDocs).paths);
  });

  it('names the local gateway as the server when served locally, even when PUBLIC_BASE_URL (the console) is set', async () => {
    const local = await getOpenApiDocument(openApiRequest({ host: '127.0.0.1:3000' }), { awsRequestId: 'r-2' } as Context);
    expect((JSON.parse(local.body ?? '{}') as { servers: unknown }).servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
    process.env.PUBLIC_BASE_URL = 'https://partners.example.com/';
    try {
      const configured = await getOpenApiDocument(openApiRequest({ host: '127.0.0.1:3000' }), { awsRequestId: 'r-3' } as Context);
      expect((JSON.parse(configured.body ?? '{}') as { servers: unknown }).servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
    } finally {
      delete process.env.PUBLIC_BASE_URL;
    }
  });
});
