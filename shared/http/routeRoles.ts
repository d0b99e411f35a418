import type { MemberRole } from '../domain/team/Member';
import type { RouteSpec } from '../routeTable';

/**
 * The environment variable that carries the member roles of partner routes by route key
 * (`{"POST /clients":["owner",…]}`), derived from the route table's `roles`: the stack gives each
 * function its own route's, the local stack (one process for every route) all of them. Functions
 * read it instead of bundling the route table.
 */
export const PARTNER_ROUTE_ROLES = 'PARTNER_ROUTE_ROLES';

/** The value of `PARTNER_ROUTE_ROLES` for these routes. */
export function routeRolesEnvironment(routes: readonly RouteSpec[]): string {
  return JSON.stringify(Object.fromEntries(routes.filter((r) => r.auth === 'partner').map((r) => [`${r.method} ${r.path}`, r.roles ?? []])));
}

let parsed: { readonly source: string; readonly byRoute: Readonly<Record<string, readonly MemberRole[]>> } | undefined;

/** The roles that may use a route, from `PARTNER_ROUTE_ROLES`; none when the route has no rule (every role refused: fail closed). */
export function rolesOfRoute(routeKey: string, env = process.env): readonly MemberRole[] {
  const source = env[PARTNER_ROUTE_ROLES] ?? '{}';
  if (parsed?.source !== source) parsed = { source, byRoute: JSON.parse(source) as Record<string, readonly MemberRole[]> };
  return parsed.byRoute[routeKey] ?? [];
}
