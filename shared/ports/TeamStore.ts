import type { Member, Team } from '../domain/team/Member';

/** One change of a team: the members after it, and the login e-mail it binds to or frees from the partner. */
export interface TeamChange {
  /** The team as read; the change is written only onto this version. */
  readonly before: Team;
  readonly members: readonly Member[];
  /** A member whose e-mail becomes bound to the partner (an invitation). */
  readonly added?: Member;
  /** A member whose e-mail is freed (a removal). */
  readonly removed?: Member;
}

/** Where partners' teams live (with the partner account). Every write is conditional; races surface as `ConcurrentChangeError`. */
export interface TeamStore {
  /** The partner's team, or `undefined` when there is no such partner. A partner approved before teams existed has its owner. */
  team(partnerId: string): Promise<Team | undefined>;
  /**
   * Writes a change onto the version read. Throws `ConflictError` `email_already_partner` when the
   * added e-mail already belongs to a partner (this one or another), `ConcurrentChangeError` when the
   * team changed since it was read.
   */
  save(change: TeamChange): Promise<void>;
  /** Records a member's sign-in, if later than the one stored and the member is still there. */
  recordSignIn(partnerId: string, memberId: string, at: Date): Promise<void>;
}
