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
});
