import { staffLoginExists } from '../applications/staffLogin';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import type { Clock } from '../Clock';
import { NotFoundError, RuleViolationError } from '../errors';
import type { IdGenerator } from '../IdGenerator';
import type { AccountDirectory } from '../../ports/AccountDirectory';
import type { PartnerRepository } from '../../ports/PartnerRepository';
import type { TeamStore } from '../../ports/TeamStore';
import { type GrantableRole, type Member, memberByEmail, type Team } from './Member';

/** What the team use cases need. */
export interface TeamDeps {
  readonly team: TeamStore;
  readonly directory: AccountDirectory;
  readonly partners: Pick<PartnerRepository, 'get'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Most members a partner may have, owner included. */
  readonly maxMembers: number;
}

/** The partner's team; a partner that does not exist has none (its members' tokens are refused before this). */
export async function teamOf(deps: Pick<TeamDeps, 'team'>, partnerId: string): Promise<Team> {
  const team = await deps.team.team(partnerId);
  if (!team) throw new NotFoundError('Partner');
  return team;
}

function memberOf(team: Team, memberId: string): Member {
  const member = team.members.find((candidate) => candidate.memberId === memberId);
  if (!member) throw new NotFoundError('Member', { memberId });
  return member;
}

function notTheOwner(member: Member): void {
  if (member.role === 'owner') {
    throw new RuleViolationError('owner_protected', 'The owner cannot be removed or given another role; the owner hands ownership to an admin first', { memberId: member.memberId });
  }
}

/**
 * An owner or admin invites a colleague.
 *
 * Input: the partner, who invites, the colleague's e-mail and role. Output: the member.
 * 1. The same e-mail already in this team with the same role: nothing changes (a retried invitation), its login is made again.
 * 2. At most `maxMembers` members (else `team_full`); an e-mail that belongs to any partner already: `email_already_partner`;
 *    a staff login of anyone else with that e-mail (a manager's): `staff_login_exists`.
 * 3. Store the member (binding the e-mail to the partner), then create its staff login bound to the partner.
 */
export async function inviteMember(
  deps: TeamDeps,
  partnerId: string,
  invitedBy: string,
  invitee: { email: string; role: GrantableRole },
): Promise<Member> {
  const email = invitee.email.trim().toLowerCase();
  // A staff login of anyone else (a manager, another partner's person) is never taken over.
  const login = await deps.directory.findStaffLogin(email);
  if (login && (login.role !== 'partner' || login.partnerId !== partnerId)) throw staffLoginExists(email);
  const member = await retryOnConcurrentChange(async () => {
    const team = await teamOf(deps, partnerId);
    const existing = memberByEmail(team, email);
    if (existing?.role === invitee.role) return existing;
    if (team.members.length >= deps.maxMembers) {
      throw new RuleViolationError('team_full', `A team has at most ${deps.maxMembers} members`, { maxMembers: deps.maxMembers });
    }
    const added: Member = { memberId: deps.ids.next('mbr'), email, role: invitee.role, invitedAt: deps.clock.now(), invitedBy };
    await deps.team.save({ before: team, members: [...team.members, added], added });
    return added;
  });
  const partner = await deps.partners.get(partnerId);
  await deps.directory.createPartnerLogin({ email, partnerId, name: partner?.name ?? '' });
  return member;
}

/** An owner or admin gives a member (not the owner) another role. */
export async function changeMemberRole(deps: Pick<TeamDeps, 'team'>, partnerId: string, memberId: string, role: GrantableRole): Promise<Member> {
  return retryOnConcurrentChange(async () => {
    const team = await teamOf(deps, partnerId);
    const member = memberOf(team, memberId);
    notTheOwner(member);
    if (member.role === role) return member;
    const changed: Member = { ...member, role };
    await deps.team.save({ before: team, members: team.members.map((m) => (m.memberId === memberId ? changed : m)) });
    return changed;
  });
}

/**
 * An owner or admin removes a member (not the owner): the member's requests are refused from the
 * next membership check on (within the check's cache time), its login is deleted, its e-mail is free again.
 */
export async function removeMember(deps: Pick<TeamDeps, 'team' | 'directory'>, partnerId: string, memberId: string): Promise<void> {
  const removed = await retryOnConcurrentChange(async () => {
    const team = await teamOf(deps, partnerId);
    const member = memberOf(team, memberId);
    notTheOwner(member);
    await deps.team.save({ before: team, members: team.members.filter((m) => m.memberId !== memberId), removed: member });
    return member;
  });
  await deps.directory.removePartnerLogin(removed.email);
}

/** The member after recording a sign-in at `at` (the token's authentication time), if later than the one known. */
export async function recordSignIn(deps: Pick<TeamDeps, 'team'>, partnerId: string, member: Member, at: Date | undefined): Promise<Member> {
  if (!at || (member.lastSignInAt && member.lastSignInAt >= at)) return member;
  await deps.team.recordSignIn(partnerId, member.memberId, at);
  return { ...member, lastSignInAt: at };
}

/** The owner hands ownership to an admin, and becomes an admin. Output: the new owner. */
export async function transferOwnership(deps: Pick<TeamDeps, 'team'>, partnerId: string, ownerId: string, adminId: string): Promise<Member> {
  return retryOnConcurrentChange(async () => {
    const team = await teamOf(deps, partnerId);
    const owner = memberOf(team, ownerId);
    const admin = memberOf(team, adminId);
    if (owner.role !== 'owner' || admin.role !== 'admin') {
      throw new RuleViolationError('ownership_needs_admin', 'Only the owner hands ownership, and only to an admin', { memberId: adminId });
    }
    const members = team.members.map((m): Member => {
      if (m.memberId === ownerId) return { ...m, role: 'admin' };
      if (m.memberId === adminId) return { ...m, role: 'owner' };
      return m;
    });
    await deps.team.save({ before: team, members });
    return { ...admin, role: 'owner' };
  });
}
