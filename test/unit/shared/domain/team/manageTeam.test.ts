import { FixedClock } from '../../../../../shared/domain/Clock';
import { founderMemberId } from '../../../../../shared/domain/team/Member';
import { assignClients, seesClient } from '../../../../../shared/domain/team/clientAssignment';
import {
  changeMemberRole, inviteMember, recordSignIn, removeMember, type TeamDeps, teamOf, transferOwnership,
} from '../../../../../shared/domain/team/manageTeam';
import type { Partner } from '../../../../../shared/domain/partners/Partner';
import { InMemoryPartnerRepository } from '../../../../support/fakes/InMemoryPartnerRepository';
import { InMemoryTeamStore } from '../../../../support/fakes/InMemoryTeamStore';
import { SequentialIds } from '../../../../support/fakes/SequentialIds';

const partner: Partner = {
  partnerId: 'ptn_1', name: 'Volkova IT', email: 'anna@volkova-it.example', applicationId: 'app_1', createdAt: new Date('2026-11-01T09:00:00Z'), language: 'en',
};
const owner = founderMemberId(partner.partnerId);

function world(maxMembers = 50) {
  const team = new InMemoryTeamStore();
  team.addPartner(partner);
  const partners = new InMemoryPartnerRepository();
  partners.add(partner);
  const logins = { created: [] as string[], removed: [] as string[] };
  const deps: TeamDeps = {
    team,
    partners,
    directory: {
      createPartnerLogin: async ({ email }) => void logins.created.push(email),
      removePartnerLogin: async (email) => void logins.removed.push(email),
      findStaffLogin: async () => undefined,
      closePartnerLogin: async () => undefined,
      reopenPartnerLogin: async () => undefined,
    },
    clock: new FixedClock('2026-12-01T09:00:00Z'),
    ids: new SequentialIds(),
    maxMembers,
  };
  return { deps, logins };
}

describe('inviteMember', () => {
  it('adds the colleague with its role and creates its login bound to the partner', async () => {
    const { deps, logins } = world();
    const member = await inviteMember(deps, partner.partnerId, owner, { email: ' Olga@Volkova-IT.example ', role: 'finance' });
    expect(member).toMatchObject({ email: 'olga@volkova-it.example', role: 'finance', invitedBy: owner });
    expect((await teamOf(deps, partner.partnerId)).members.map((m) => m.role)).toEqual(['owner', 'finance']);
    expect(logins.created).toEqual(['olga@volkova-it.example']);
  });

  it('refuses a colleague past the team size, and an e-mail that belongs to a partner already', async () => {
    const { deps } = world(2);
    await inviteMember(deps, partner.partnerId, owner, { email: 'olga@volkova-it.example', role: 'finance' });
    await expect(inviteMember(deps, partner.partnerId, owner, { email: 'ivan@volkova-it.example', role: 'sales' })).rejects.toMatchObject({ code: 'team_full' });
    await expect(inviteMember(world().deps, partner.partnerId, owner, { email: partner.email, role: 'admin' })).rejects.toMatchObject({ code: 'email_already_partner' });
  });
});

describe('changing the team', () => {
  it('changes a member\'s role, but never the owner\'s', async () => {
    const { deps } = world();
    const member = await inviteMember(deps, partner.partnerId, owner, { email: 'olga@volkova-it.example', role: 'finance' });
    await expect(changeMemberRole(deps, partner.partnerId, member.memberId, 'sales')).resolves.toMatchObject({ role: 'sales' });
    await expect(changeMemberRole(deps, partner.partnerId, owner, 'admin')).rejects.toMatchObject({ code: 'owner_protected' });
    await expect(changeMemberRole(deps, partner.partnerId, 'mbr_nobody', 'admin')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('removes a member and its login, but never the owner', async () => {
    const { deps, logins } = world();
    const member = await inviteMember(deps, partner.partnerId, owner, { email: 'olga@volkova-it.example', role: 'admin' });
    await removeMember(deps, partner.partnerId, member.memberId);
    await expect(removeMember(deps, partner.partnerId, owner)).rejects.toMatchObject({ code: 'owner_protected' });
    expect((await teamOf(deps, partner.partnerId)).members.map((m) => m.memberId)).toEqual([owner]);
    expect(logins.removed).toEqual(['olga@volkova-it.example']);
  });

  it('hands ownership from the owner to an admin only', async () => {
    const { deps } = world();
    const admin = await inviteMember(deps, partner.partnerId, owner, { email: 'olga@volkova-it.example', role: 'admin' });
    const sales = await inviteMember(deps, partner.partnerId, owner, { email: 'ivan@volkova-it.example', role: 'sales' });
    await expect(transferOwnership(deps, partner.partnerId, owner, sales.memberId)).rejects.toMatchObject({ code: 'ownership_needs_admin' });
    await expect(transferOwnership(deps, partner.partnerId, admin.memberId, owner)).rejects.toMatchObject({ code: 'ownership_needs_admin' });

    await transferOwnership(deps, partner.partnerId, owner, admin.memberId);

    const roles = Object.fromEntries((await teamOf(deps, partner.partnerId)).members.map((m) => [m.memberId, m.role]));
    expect(roles).toEqual({ [owner]: 'admin', [admin.memberId]: 'owner', [sales.memberId]: 'sales' });
  });

  it('records a later sign-in only', async () => {
    const { deps } = world();
    const [founder] = (await teamOf(deps, partner.partnerId)).members;
    if (!founder) throw new Error('no owner');
    const signedIn = await recordSignIn(deps, partner.partnerId, founder, new Date('2026-12-02T08:00:00Z'));
    expect(await recordSignIn(deps, partner.partnerId, signedIn, new Date('2026-12-01T08:00:00Z'))).toBe(signedIn);
    expect((await teamOf(deps, partner.partnerId)).members[0]?.lastSignInAt).toEqual(new Date('2026-12-02T08:00:00Z'));
  });
});

describe('client assignment', () => {
  it('lets a sales member see only the clients assigned to it; the other roles see every client', () => {
    expect(seesClient({ memberId: 'mbr_s', role: 'sales' }, { assignee: 'mbr_s' })).toBe(true);
    expect(seesClient({ memberId: 'mbr_s', role: 'sales' }, { assignee: 'mbr_t' })).toBe(false);
    expect(seesClient({ memberId: 'mbr_s', role: 'sales' }, {})).toBe(false);
    expect(seesClient({ memberId: 'mbr_f', role: 'finance' }, {})).toBe(true);
  });

  it('assigns clients to sales members only, and reports the clients the partner does not have', async () => {
    const { deps } = world();
    const sales = await inviteMember(deps, partner.partnerId, owner, { email: 'ivan@volkova-it.example', role: 'sales' });
    const assigned = new Map<string, string | null>();
    const clients = { assign: async (_p: string, clientId: string, memberId: string | null) => clientId !== 'cli_gone' && (assigned.set(clientId, memberId), true) };

    const result = await assignClients({ clients, team: deps.team }, partner.partnerId, ['cli_1', 'cli_gone', 'cli_1'], sales.memberId);

    expect(result).toEqual({ assigned: ['cli_1'], notFound: ['cli_gone'] });
    expect(assigned).toEqual(new Map([['cli_1', sales.memberId]]));
    await expect(assignClients({ clients, team: deps.team }, partner.partnerId, ['cli_1'], owner)).rejects.toMatchObject({ code: 'assignee_not_sales' });
    await expect(assignClients({ clients, team: deps.team }, partner.partnerId, ['cli_1'], null)).resolves.toEqual({ assigned: ['cli_1'], notFound: [] });
  });
});
