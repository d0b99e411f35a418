import { routes } from '../../../shared/routeTable';
import { PARTNER_ROUTE_ROLES, rolesOf, type PartnerRoute } from '../../../web/src/auth/routeRoles';

describe("the console's copy of the route table's roles", () => {
  const partnerRoutes = routes.filter((route) => route.auth === 'partner');

  it('names every partner route of the route table, and no other', () => {
    expect(Object.keys(PARTNER_ROUTE_ROLES).sort()).toEqual(partnerRoutes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('gives each route exactly the roles the route table gives it', () => {
    for (const route of partnerRoutes) {
      const name = `${route.method} ${route.path}` as PartnerRoute;
      expect({ name, roles: [...rolesOf(name)].sort() }).toEqual({ name, roles: [...(route.roles ?? [])].sort() });
    }
  });
});
