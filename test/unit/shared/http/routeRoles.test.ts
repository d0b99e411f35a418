import { PARTNER_ROUTE_ROLES, rolesOfRoute, routeRolesEnvironment } from '../../../../shared/http/routeRoles';
import { routes } from '../../../../shared/routeTable';

describe('routeRoles', () => {
  it('carries every partner route\'s roles, and no other route, through the environment', () => {
    const env = { [PARTNER_ROUTE_ROLES]: routeRolesEnvironment(routes) };
    for (const route of routes) {
      const roles = rolesOfRoute(`${route.method} ${route.path}`, env);
      expect(roles).toEqual(route.auth === 'partner' ? route.roles : []);
    }
  });

  it('gives no role to a route without a rule, or without the variable (every member refused: fail closed)', () => {
    expect(rolesOfRoute('GET /clients', {})).toEqual([]);
    expect(rolesOfRoute('GET /nowhere', { [PARTNER_ROUTE_ROLES]: routeRolesEnvironment(routes) })).toEqual([]);
  });

  it('gives the stack\'s function of one route only that route\'s rule', () => {
    const route = routes.find((candidate) => candidate.handler === 'getClientExpenses');
    if (!route) throw new Error('no route');
    expect(JSON.parse(routeRolesEnvironment([route]))).toEqual({ 'GET /clients/{id}/expenses': ['owner', 'admin', 'finance'] });
  });
});
