/**
 * Which team roles may use which partner route — the console's copy of `ROLES` and the `roles` of
 * `shared/routeTable.ts` (a unit test holds the two equal), so the console hides what a role cannot
 * do instead of offering it and showing a 403.
 */
import type { paths } from '../api/schema';

/** A partner's member role. */
export type MemberRole = 'owner' | 'admin' | 'operations' | 'finance' | 'sales';

/** The groups of roles, as the route table names them. */
export const ROLE_GROUPS = {
  everyone: ['owner', 'admin', 'operations', 'finance', 'sales'],
  team: ['owner', 'admin'],
  addClients: ['owner', 'admin', 'operations', 'sales'],
  operateClients: ['owner', 'admin', 'operations'],
  balances: ['owner', 'admin', 'operations', 'finance', 'sales'],
  balanceDetail: ['owner', 'admin', 'operations', 'finance'],
  expenses: ['owner', 'admin', 'finance'],
  audit: ['owner', 'admin', 'finance'],
  spend: ['owner', 'admin', 'operations', 'finance'],
} as const satisfies Record<string, readonly MemberRole[]>;

type Method<Path extends keyof paths> = { [M in keyof paths[Path]]: paths[Path][M] extends undefined | never ? never : M }[keyof paths[Path]];
/** `METHOD /path` of an API route, as the route table and the OpenAPI document spell it. */
type RouteName = { [P in keyof paths]: `${Uppercase<Method<P> & string>} ${P & string}` }[keyof paths];

/** Every partner route and the group of roles that may use it. */
export const PARTNER_ROUTE_ROLES = {
  'POST /clients': 'addClients',
  'GET /clients': 'everyone',
  'GET /clients/summary': 'spend',
  'GET /clients/attention': 'spend',
  'PATCH /clients/{id}': 'addClients',
  'GET /clients/{id}': 'everyone',
  'POST /clients/{id}/invitation/resend': 'addClients',
  'POST /clients/{id}/invitation/cancel': 'addClients',
  'GET /audit': 'audit',
  'GET /clients/{id}/balance': 'balances',
  'GET /clients/{id}/balance/detail': 'balanceDetail',
  'GET /clients/{id}/expenses': 'expenses',
  'POST /clients/{id}/block': 'operateClients',
  'POST /clients/{id}/unblock': 'operateClients',
  'DELETE /clients/{id}': 'operateClients',
  'POST /clients/bulk': 'operateClients',
  'GET /clients/{id}/budget': 'spend',
  'PUT /clients/{id}/budget': 'spend',
  'DELETE /clients/{id}/budget': 'spend',
  'POST /budgets/bulk': 'spend',
  'PUT /budgets/default': 'spend',
  'DELETE /budgets/default': 'spend',
  'GET /budgets': 'spend',
  'GET /notifications': 'spend',
  'GET /notifications/unread-count': 'spend',
  'POST /notifications/{id}/read': 'spend',
  'GET /portfolio': 'spend',
  'GET /portfolio/clients': 'spend',
  'POST /clients/assignments': 'team',
  'GET /team/me': 'everyone',
  'GET /team/members': 'team',
  'POST /team/members': 'team',
  'PATCH /team/members/{memberId}': 'team',
  'DELETE /team/members/{memberId}': 'team',
  'POST /api-keys': 'team',
  'GET /api-keys': 'team',
  'DELETE /api-keys/{id}': 'team',
  'POST /webhooks': 'team',
  'GET /webhooks': 'team',
  'DELETE /webhooks/{id}': 'team',
  'POST /webhooks/{id}/secret': 'team',
  'POST /webhooks/{id}/test': 'team',
  'GET /webhooks/{id}/deliveries': 'team',
  'POST /webhooks/{id}/deliveries/{deliveryId}/replay': 'team',
  'POST /webhooks/{id}/enable': 'team',
} as const satisfies Partial<Record<RouteName, keyof typeof ROLE_GROUPS>>;

/** A partner route the console may offer or hide. */
export type PartnerRoute = keyof typeof PARTNER_ROUTE_ROLES;

/** The roles that may use `route`. */
export function rolesOf(route: PartnerRoute): readonly MemberRole[] {
  return ROLE_GROUPS[PARTNER_ROUTE_ROLES[route]];
}
