import { API_KEY_SCOPES } from '../../../../shared/domain/apiKeys/ApiKey';
import { PARTNER_ROUTE_SCOPES, routeScopesEnvironment, scopeOfRoute } from '../../../../shared/http/routeScopes';
import { routes } from '../../../../shared/routeTable';

const partnerRoutes = routes.filter((route) => route.auth === 'partner');

describe('the API-key scope of partner routes (issue 33)', () => {
  it.each(partnerRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s declares a scope, or null for no key', (_key, route) => {
    expect(route.scope === null || API_KEY_SCOPES.includes(route.scope!)).toBe(true);
  });

  it('gives reading routes a read scope and changing routes a write scope', () => {
    for (const route of partnerRoutes.filter((r) => r.scope)) {
      expect([route.method, route.path, route.scope!.endsWith(':read')]).toEqual([route.method, route.path, route.method === 'GET']);
    }
  });

  it('never lets a key manage the team, a person\'s own things or the keys themselves', () => {
    const noKey = partnerRoutes.filter((route) => route.path.startsWith('/team') || route.path.startsWith('/api-keys') || route.path === '/clients/assignments');
    expect(noKey.length).toBeGreaterThan(5);
    expect(noKey.filter((route) => route.scope !== null)).toEqual([]);
  });

  it('gives every route that takes keys the keys table (key check, last use) and the rate-limit table (per-key limit)', () => {
    for (const route of partnerRoutes.filter((r) => r.scope)) {
      expect([route.handler, route.uses.tables?.apiKeys, route.uses.tables?.rateLimits]).toEqual([route.handler, 'readWrite', 'readWrite']);
    }
  });

  it('carries each route\'s scope through the environment; a route without one takes no key (fail closed)', () => {
    const env = { [PARTNER_ROUTE_SCOPES]: routeScopesEnvironment(routes) };
    for (const route of routes) expect(scopeOfRoute(`${route.method} ${route.path}`, env)).toBe(route.scope ?? undefined);
    expect(scopeOfRoute('GET /clients', {})).toBeUndefined();
  });
});
