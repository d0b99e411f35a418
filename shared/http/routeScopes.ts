import type { ApiKeyScope } from '../domain/apiKeys/ApiKey';
import type { RouteSpec } from '../routeTable';

/**
 * The environment variable that carries the API-key scope of partner routes by route key
 * (`{"GET /clients":"clients:read"}`), derived from the route table's `scope`; a route that takes
 * no key is absent. Set beside `PARTNER_ROUTE_ROLES`, read the same way.
 */
export const PARTNER_ROUTE_SCOPES = 'PARTNER_ROUTE_SCOPES';

/** The value of `PARTNER_ROUTE_SCOPES` for these routes. */
export function routeScopesEnvironment(routes: readonly RouteSpec[]): string {
  return JSON.stringify(Object.fromEntries(routes.filter((r) => r.auth === 'partner' && r.scope).map((r) => [`${r.method} ${r.path}`, r.scope])));
}

let parsed: { readonly source: string; readonly byRoute: Readonly<Record<string, ApiKeyScope>> } | undefined;

/** The scope an API key needs for a route, from `PARTNER_ROUTE_SCOPES`; `undefined` when the route takes no key (fail closed). */
export function scopeOfRoute(routeKey: string, env = process.env): ApiKeyScope | undefined {
  const source = env[PARTNER_ROUTE_SCOPES] ?? '{}';
  if (parsed?.source !== source) parsed = { source, byRoute: JSON.parse(source) as Record<string, ApiKeyScope> };
  return parsed.byRoute[routeKey];
}
