/** Every role a partner's member can hold, one per member. */
export const MEMBER_ROLES = ['owner', 'admin', 'operations', 'finance', 'sales'] as const;

/** What a member may do (the route table says which routes each role may use). */
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The roles an owner or admin gives when inviting or changing a member: ownership is only handed over. */
export const GRANTABLE_ROLES = ['admin', 'operations', 'finance', 'sales'] as const satisfies readonly MemberRole[];

/** A role given by invitation or change. */
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** The roles that manage the team (invite, change roles, remove, assign clients). */
export const TEAM_MANAGERS = ['owner', 'admin'] as const satisfies readonly MemberRole[];

/** Most members a partner may have (owner included), unless `TEAM_MAX_MEMBERS` says otherwise. */
export const DEFAULT_MAX_MEMBERS = 50;

/** A person of a partner's team: a staff login bound to the partner, with one role. */
export interface Member {
  readonly memberId: string;
  /** The login e-mail, lower-cased. */
  readonly email: string;
  readonly role: MemberRole;
  readonly invitedAt: Date;
  /** The member who invited this one; absent for the owner the approval created. */
  readonly invitedBy?: string;
  /** The last sign-in seen (the token's `auth_time`); absent until the first one. */
  readonly lastSignInAt?: Date;
}

/** `invited` until the member's first sign-in, `active` from then on. */
export type MemberStatus = 'invited' | 'active';

/** Whether the member has signed in yet. */
export function memberStatus(member: Member): MemberStatus {
  return member.lastSignInAt ? 'active' : 'invited';
}

/** A partner's team as stored: its members and the version every change is written onto. */
export interface Team {
  readonly partnerId: string;
  readonly members: readonly Member[];
  /** Optimistic-concurrency counter of the member list (0 before its first change). */
  readonly version: number;
}

/** The member id of the owner that approving an application creates: derived, so partners approved before teams existed have it too. */
export function founderMemberId(partnerId: string): string {
  return `mbr_${partnerId}`;
}

/** The owner of a partner approved before teams existed (and of every new one): its approved login. */
export function founder(partner: { readonly partnerId: string; readonly email: string; readonly createdAt: Date }): Member {
  return { memberId: founderMemberId(partner.partnerId), email: partner.email.toLowerCase(), role: 'owner', invitedAt: partner.createdAt };
}

/** The member who signs in with this e-mail, or `undefined`. */
export function memberByEmail(team: Team, email: string): Member | undefined {
  const wanted = email.trim().toLowerCase();
  return team.members.find((member) => member.email === wanted);
}
