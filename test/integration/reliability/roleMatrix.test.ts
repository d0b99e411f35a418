import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { apiKeyDeps, teamDeps } from '../../../shared/adapters/compositionRoot';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../../shared/domain/apiKeys/ApiKey';
import { createApiKey } from '../../../shared/domain/apiKeys/manageApiKeys';
import { partnerKey } from '../../../shared/adapters/dynamodb/partnerKeys';
import { physicalTableName } from '../../../shared/adapters/dynamodb/tables';
import { inviteMember } from '../../../shared/domain/team/manageTeam';
import { founderMemberId, GRANTABLE_ROLES, MEMBER_ROLES, type MemberRole } from '../../../shared/domain/team/Member';
import { type RouteSpec, routes } from '../../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { createPartner, registerCloudAccount, uniqueClientEmail } from '../../support/clientFixtures';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';

/**
 * The route × role matrix, generated from the route table (a partner route added later is covered
 * without a change here, and fails while it has no role rule): every partner route called by a
 * member of every role, by a login of the partner that is not a member, and by another partner's
 * owner. A role the route does not give → 403 `role_not_allowed`; a non-member → 403
 * `not_a_member`; an allowed role passes the check; a client outside a sales member's assignment
 * and another partner's client → 404. A member of a suspended partner is refused on every partner
 * route with 403 `partner_suspended`, whatever its role (the standing step comes before membership).
 * Each answer is also checked against the OpenAPI document.
 * Then every partner route × an API key of the partner holding each one scope (issue 33): a route
 * that takes no key → 403 `api_key_not_accepted`, a key without the route's scope → 403
 * `api_key_scope_missing`, the route's own scope passes.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

const partnerRoutes = routes.filter((route) => route.auth === 'partner');

/** The callers besides the five roles. */
type Caller = MemberRole | 'nonMember' | 'otherPartnerOwner';

/** Requests that must be well-formed to get past validation to the client lookup (a period for the balance views). */
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
/** A well-formed budget, for the routes that set one. */
const BUDGET = { amount: 100_000_00, currency: 'RUB' };

let clientId: string;
let tokenOf: Record<Caller, string>;
let keyOf: Record<ApiKeyScope, string>;
/** A member of a partner suspended before any of its people called (no container remembers it active). */
let suspendedMemberToken: string;

function requestTo(route: RouteSpec, token: string): ApiRequest {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const value = (name: string): string => (name === 'memberId' ? 'mbr_nobody' : clientId);
  return {
    ...jsonBody(route.method === 'PUT' && route.path.endsWith('/budget') ? BUDGET : {}),
    ...(route.path.includes('/balance/detail') || route.path.endsWith('/expenses') ? { query: PERIOD } : {}),
    ...(names.length > 0 && { pathParameters: Object.fromEntries(names.map((name) => [name, value(name)])) }),
    token,
  };
}

function errorCode(body: string | undefined): string | undefined {
  return (JSON.parse(body || '{}') as { error?: { code?: string } }).error?.code;
}

beforeAll(async () => {
  const issuer = issued();
  const partner = await createPartner(tables.documentClient());
  const other = await createPartner(tables.documentClient());
  const tokenFor = (partnerId: string, email: string) => issuer.issuer.personToken({ sub: `usr_${email}`, email, role: 'partner', partnerId });
  const members = await Promise.all(GRANTABLE_ROLES.map(async (role) => {
    const member = await inviteMember(teamDeps(), partner.partnerId, founderMemberId(partner.partnerId), { email: `${role}-${partner.partnerId}@example.com`, role });
    return [role, await tokenFor(partner.partnerId, member.email)] as const;
  }));
  tokenOf = {
    owner: await issuer.partner(partner.partnerId),
    ...Object.fromEntries(members),
    nonMember: await tokenFor(partner.partnerId, `stranger-${partner.partnerId}@example.com`),
    otherPartnerOwner: await issuer.partner(other.partnerId),
  } as Record<Caller, string>;
  const expiresAt = new Date(Date.now() + 86_400_000);
  keyOf = Object.fromEntries(await Promise.all(API_KEY_SCOPES.map(async (scope) =>
    [scope, (await createApiKey(apiKeyDeps(), partner.partnerId, founderMemberId(partner.partnerId), { name: scope, scopes: [scope], expiresAt })).value]))) as Record<ApiKeyScope, string>;
  const suspended = await createPartner(tables.documentClient());
  const suspendedMember = await inviteMember(teamDeps(), suspended.partnerId, founderMemberId(suspended.partnerId), { email: `operations-${suspended.partnerId}@example.com`, role: 'operations' });
  suspendedMemberToken = await tokenFor(suspended.partnerId, suspendedMember.email);
  await tables.documentClient().send(new UpdateCommand({
    TableName: physicalTableName('partners'), Key: partnerKey(suspended.partnerId),
    UpdateExpression: 'SET #state = :state', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':state': 'suspended' },
  }));
  const accountId = await registerCloudAccount(tables.documentClient());
  const added = await invokeRoute(routeOf(routes, 'POST', '/clients'), { ...jsonBody({ email: uniqueClientEmail(), accountId }), token: tokenOf.owner });
  clientId = String((JSON.parse(added.body ?? '{}') as { id: string }).id);
});

describe('the route × role matrix of partner routes', () => {
  it.each(partnerRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s has a role rule', (_key, route) => {
    expect(route.roles?.length).toBeGreaterThan(0);
    expect(route.roles?.every((role) => MEMBER_ROLES.includes(role))).toBe(true);
  });

  const cases = partnerRoutes.flatMap((route) =>
    ([...MEMBER_ROLES, 'nonMember', 'otherPartnerOwner'] as const).map((caller) => [`${route.method} ${route.path}`, caller, route] as const));

  it.each(cases)('%s called by %s', async (_key, caller, route) => {
    const response = await invokeRoute(route, requestTo(route, tokenOf[caller]));
    const namesClient = route.path.includes('{id}');
    if (caller === 'nonMember') {
      expect([response.statusCode, errorCode(response.body)]).toEqual([403, 'not_a_member']);
    } else if (caller !== 'otherPartnerOwner' && !(route.roles ?? []).includes(caller)) {
      expect([response.statusCode, errorCode(response.body)]).toEqual([403, 'role_not_allowed']);
    } else if (namesClient && (caller === 'sales' || caller === 'otherPartnerOwner')) {
      // The client is the partner's and assigned to nobody: outside a sales member's view, and another partner's for the other owner.
      expect([response.statusCode, errorCode(response.body)]).toEqual([404, 'not_found']);
    } else {
      expect([401, 403]).not.toContain(response.statusCode);
    }
  });

  it.each(partnerRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s refuses a suspended partner\'s member', async (_key, route) => {
    const response = await invokeRoute(route, requestTo(route, suspendedMemberToken));
    expect([response.statusCode, errorCode(response.body)]).toEqual([403, 'partner_suspended']);
  });
});

describe('the route × API key matrix of partner routes', () => {
  beforeAll(() => {
    // Every route with every key within a minute: past the partner's own limit, which is not what this walks.
    process.env.PARTNER_REQUESTS_PER_MINUTE = String(Number.MAX_SAFE_INTEGER);
  });

  afterAll(() => {
    delete process.env.PARTNER_REQUESTS_PER_MINUTE;
  });

  const cases = partnerRoutes.flatMap((route) => API_KEY_SCOPES.map((scope) => [`${route.method} ${route.path}`, scope, route] as const));

  it.each(cases)('%s called with a key holding %s', async (_key, scope, route) => {
    const response = await invokeRoute(route, requestTo(route, keyOf[scope]));
    if (!route.scope) {
      expect([response.statusCode, errorCode(response.body)]).toEqual([403, 'api_key_not_accepted']);
    } else if (route.scope !== scope) {
      expect([response.statusCode, errorCode(response.body)]).toEqual([403, 'api_key_scope_missing']);
    } else {
      expect([401, 403, 429]).not.toContain(response.statusCode);
    }
  });
});
