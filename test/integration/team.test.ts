import { teamDeps, teamStore } from '../../shared/adapters/compositionRoot';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/DynamoTeamStore';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { ConcurrentChangeError } from '../../shared/domain/ConcurrentChange';
import { founderMemberId, type GrantableRole } from '../../shared/domain/team/Member';
import { changeMemberRole, inviteMember, removeMember } from '../../shared/domain/team/manageTeam';
import type { Partner } from '../../shared/domain/partners/Partner';
import { routes } from '../../shared/routeTable';
import { invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { createPartner, registerCloudAccount, uniqueClientEmail } from '../support/clientFixtures';
import { useLocalIssuer } from '../support/localIssuer';
import { useLocalTables } from '../support/localTables';

/**
 * Teams on DynamoDB Local through the real handlers: members and their logins, the e-mail binding,
 * the membership check's cache bound (a removal refuses a still-valid token within the minute), the
 * sales member's view of clients, assignments and the audit trail by person.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

const route = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string) => routeOf(routes, method, path);
const body = <T>(response: { body?: string }): T => JSON.parse(response.body || '{}') as T;

async function partnerWithMember(role: GrantableRole): Promise<{ partner: Partner; owner: string; member: string; memberId: string; email: string }> {
  const partner = await createPartner(tables.documentClient());
  const email = `${role}-${partner.partnerId}@example.com`;
  const invited = await inviteMember(teamDeps(), partner.partnerId, founderMemberId(partner.partnerId), { email, role });
  const member = await issued().issuer.personToken({ sub: `usr_${email}`, email, role: 'partner', partnerId: partner.partnerId });
  return { partner, owner: await issued().partner(partner.partnerId), member, memberId: invited.memberId, email };
}

async function addClient(token: string): Promise<string> {
  const accountId = await registerCloudAccount(tables.documentClient());
  const added = await invokeRoute(route('POST', '/clients'), { ...jsonBody({ email: uniqueClientEmail(), accountId }), token });
  expect(added.statusCode).toBe(201);
  return body<{ id: string }>(added).id;
}

/** Moves the functions' clock (`CLOCK_OFFSET_MS`), as `POST /__local/clock` does. */
function advanceClock(ms: number): void {
  process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS ?? 0) + ms);
}

afterEach(() => {
  delete process.env.MEMBERSHIP_CACHE_SECONDS;
});

describe('DynamoTeamStore', () => {
  it('gives a partner approved before teams its approved login as owner', async () => {
    const partner = await createPartner(tables.documentClient());
    const team = await new DynamoTeamStore(tables.documentClient()).team(partner.partnerId);
    expect(team).toEqual({
      partnerId: partner.partnerId, version: 0,
      members: [{ memberId: founderMemberId(partner.partnerId), email: partner.email, role: 'owner', invitedAt: partner.createdAt }],
    });
  });

  it('writes a change only onto the version read', async () => {
    const partner = await createPartner(tables.documentClient());
    const store = new DynamoTeamStore(tables.documentClient());
    const before = await store.team(partner.partnerId);
    if (!before) throw new Error('no team');
    await store.save({ before, members: before.members });
    await expect(store.save({ before, members: [] })).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect((await store.team(partner.partnerId))?.members).toHaveLength(1);
  });

  it('binds an e-mail to one partner (its marker, and its staff login): another partner cannot invite it until it is removed', async () => {
    const { partner, memberId, email } = await partnerWithMember('finance');
    const other = await createPartner(tables.documentClient());
    const invite = () => inviteMember(teamDeps(), other.partnerId, founderMemberId(other.partnerId), { email, role: 'sales' });
    await expect(invite()).rejects.toMatchObject({ code: 'staff_login_exists' });
    await expect(inviteMember(teamDeps(), other.partnerId, founderMemberId(other.partnerId), { email: partner.email, role: 'sales' }))
      .rejects.toMatchObject({ code: 'email_already_partner' });

    await removeMember(teamDeps(), partner.partnerId, memberId);

    expect(await new LocalAccountDirectory(tables.documentClient()).findLogin(email)).toBeUndefined();
    await expect(invite()).resolves.toMatchObject({ email, role: 'sales' });
    expect(await new LocalAccountDirectory(tables.documentClient()).findLogin(email)).toMatchObject({ partnerId: other.partnerId, enabled: true });
  });

  it('answers a repeated invitation with the member, and refuses one past the team size', async () => {
    const { partner, memberId, email } = await partnerWithMember('sales');
    const again = await inviteMember(teamDeps(), partner.partnerId, founderMemberId(partner.partnerId), { email, role: 'sales' });
    expect(again.memberId).toBe(memberId);
    const full = { ...teamDeps(), maxMembers: 2 };
    await expect(inviteMember(full, partner.partnerId, founderMemberId(partner.partnerId), { email: `third-${email}`, role: 'admin' }))
      .rejects.toMatchObject({ code: 'team_full' });
  });

  it('holds a full team of the longest e-mails in the partner item (DynamoDB: at most 400 KB an item)', async () => {
    const partner = await createPartner(tables.documentClient());
    const store = new DynamoTeamStore(tables.documentClient());
    const before = await store.team(partner.partnerId);
    if (!before) throw new Error('no team');
    const members = Array.from({ length: 50 }, (_, i) => ({
      memberId: `mbr_${String(i).padStart(32, '0')}`, email: `${'m'.repeat(64)}@${String(i).padStart(3, '0')}${'d'.repeat(180)}.example`,
      role: 'operations' as const, invitedAt: new Date(), invitedBy: founderMemberId(partner.partnerId),
    }));
    await store.save({ before, members });
    await Promise.all(members.map((m) => store.recordSignIn(partner.partnerId, m.memberId, new Date())));
    expect((await store.team(partner.partnerId))?.members).toHaveLength(50);
  });

  it('moves a last sign-in forward only', async () => {
    const { partner, memberId } = await partnerWithMember('admin');
    const store = teamStore();
    await store.recordSignIn(partner.partnerId, memberId, new Date('2026-12-02T10:00:00Z'));
    await store.recordSignIn(partner.partnerId, memberId, new Date('2026-12-01T10:00:00Z'));
    const member = (await store.team(partner.partnerId))?.members.find((m) => m.memberId === memberId);
    expect(member?.lastSignInAt).toEqual(new Date('2026-12-02T10:00:00Z'));
  });
});

describe('the membership check', () => {
  it('refuses a removed member\'s still-valid token once the cached team is older than the cache time (another container removed it)', async () => {
    const { partner, member, memberId } = await partnerWithMember('sales');
    expect((await invokeRoute(route('GET', '/clients'), { token: member })).statusCode).toBe(200);

    await removeMember(teamDeps(), partner.partnerId, memberId);
    const cached = await invokeRoute(route('GET', '/clients'), { token: member });
    advanceClock(60_000);
    const refused = await invokeRoute(route('GET', '/clients'), { token: member });

    expect(cached.statusCode).toBe(200);
    expect([refused.statusCode, body<{ error: { code: string } }>(refused).error.code]).toEqual([403, 'not_a_member']);
  });

  it('applies a role change at once when the cache time is configured to 0', async () => {
    process.env.MEMBERSHIP_CACHE_SECONDS = '0';
    const { partner, member, memberId } = await partnerWithMember('operations');
    expect((await invokeRoute(route('GET', '/clients'), { token: member })).statusCode).toBe(200);

    await changeMemberRole(teamDeps(), partner.partnerId, memberId, 'finance');

    const audit = await invokeRoute(route('GET', '/audit'), { token: member });
    expect(audit.statusCode).toBe(200);
  });

  it('refuses the team routes to a member removed through the API in the same container at once', async () => {
    const { owner, member, memberId } = await partnerWithMember('admin');
    expect((await invokeRoute(route('GET', '/team/members'), { token: member })).statusCode).toBe(200);

    const removed = await invokeRoute(route('DELETE', '/team/members/{memberId}'), { pathParameters: { memberId }, token: owner });

    expect(removed.statusCode).toBe(204);
    expect((await invokeRoute(route('GET', '/team/members'), { token: member })).statusCode).toBe(403);
  });
});

describe('the team routes', () => {
  it('lists the team with role, status and last sign-in, and records a sign-in on GET /team/me', async () => {
    const { partner, owner, member, memberId, email } = await partnerWithMember('finance');
    const me = await invokeRoute(route('GET', '/team/me'), { token: member });
    expect(body<{ member: { memberId: string; role: string; status: string } }>(me).member).toMatchObject({ memberId, role: 'finance', status: 'active' });

    const team = body<{ items: Array<{ email: string; role: string; status: string; lastSignInAt: string | null }>; maxMembers: number }>(
      await invokeRoute(route('GET', '/team/members'), { token: owner }),
    );

    expect(team.maxMembers).toBe(50);
    expect(team.items.map(({ email: e, role, status }) => ({ e, role, status }))).toEqual([
      { e: partner.email, role: 'owner', status: 'invited' },
      { e: email, role: 'finance', status: 'active' },
    ]);
  });

  it('hands ownership to an admin only, and protects the owner from removal', async () => {
    const { partner, owner, member, memberId } = await partnerWithMember('admin');
    const ownerId = founderMemberId(partner.partnerId);
    const byAdmin = await invokeRoute(route('PATCH', '/team/members/{memberId}'), { ...jsonBody({ role: 'owner' }), pathParameters: { memberId: ownerId }, token: member });
    const removeOwner = await invokeRoute(route('DELETE', '/team/members/{memberId}'), { pathParameters: { memberId: ownerId }, token: member });
    expect(body<{ error: { code: string } }>(byAdmin).error.code).toBe('ownership_needs_admin');
    expect(body<{ error: { code: string } }>(removeOwner).error.code).toBe('owner_protected');

    const handed = await invokeRoute(route('PATCH', '/team/members/{memberId}'), { ...jsonBody({ role: 'owner' }), pathParameters: { memberId }, token: owner });

    expect(body<{ role: string }>(handed).role).toBe('owner');
    const team = body<{ items: Array<{ memberId: string; role: string }> }>(await invokeRoute(route('GET', '/team/members'), { token: member }));
    expect(Object.fromEntries(team.items.map((m) => [m.memberId, m.role]))).toEqual({ [ownerId]: 'admin', [memberId]: 'owner' });
  });
});

describe('sales members and assignments', () => {
  it('shows a sales member only the clients it added and those assigned to it', async () => {
    const { partner, owner, member, memberId } = await partnerWithMember('sales');
    const ownersClient = await addClient(owner);
    const salesClient = await addClient(member);
    const listed = async () => body<{ items: Array<{ id: string }> }>(await invokeRoute(route('GET', '/clients'), { token: member })).items.map((c) => c.id);
    expect(await listed()).toEqual([salesClient]);
    expect((await invokeRoute(route('GET', '/clients/{id}'), { pathParameters: { id: ownersClient }, token: member })).statusCode).toBe(404);

    const assigned = await invokeRoute(route('POST', '/clients/assignments'), { ...jsonBody({ clientIds: [ownersClient, 'cli_nobody'], memberId }), token: owner });

    expect(body(assigned)).toEqual({ assigned: [ownersClient], notFound: ['cli_nobody'] });
    expect(await listed()).toEqual([salesClient, ownersClient]);
    expect((await invokeRoute(route('GET', '/clients/{id}'), { pathParameters: { id: ownersClient }, token: member })).statusCode).toBe(200);
    const toOwner = await invokeRoute(route('POST', '/clients/assignments'), {
      ...jsonBody({ clientIds: [ownersClient], memberId: founderMemberId(partner.partnerId) }), token: owner,
    });
    expect(body<{ error: { code: string } }>(toOwner).error.code).toBe('assignee_not_sales');
  });

  it('names the acting member (id and e-mail) in the audit trail and filters it by member', async () => {
    const { partner, owner, member, memberId, email } = await partnerWithMember('sales');
    await addClient(owner);
    const salesClient = await addClient(member);

    const bySales = body<{ items: Array<{ clientId: string; actor: unknown }> }>(
      await invokeRoute(route('GET', '/audit'), { query: { memberId }, token: owner }),
    );
    const all = body<{ items: unknown[] }>(await invokeRoute(route('GET', '/audit'), { token: owner }));

    expect(bySales.items).toEqual([expect.objectContaining({ clientId: salesClient, actor: { kind: 'partner', id: memberId, email } })]);
    expect(all.items).toHaveLength(2);
    expect(all.items).toContainEqual(expect.objectContaining({ actor: { kind: 'partner', id: founderMemberId(partner.partnerId), email: partner.email } }));
  });
});

it('lets the owner of a partner approved before teams (its item as the approval wrote it) use the team routes', async () => {
  const partner = await createPartner(tables.documentClient());
  const owner = await issued().partner(partner.partnerId);
  const me = await invokeRoute(route('GET', '/team/me'), { token: owner });
  expect(body<{ member: { role: string } }>(me).member.role).toBe('owner');
});
