import { ConcurrentChangeError } from '../../../shared/domain/ConcurrentChange';
import { ConflictError } from '../../../shared/domain/errors';
import { founder, type Member, type Team } from '../../../shared/domain/team/Member';
import type { Partner } from '../../../shared/domain/partners/Partner';
import type { TeamChange, TeamStore } from '../../../shared/ports/TeamStore';

/**
 * `TeamStore` in memory, mirroring `DynamoTeamStore`: a partner without a stored member list has its
 * approved login as owner; a change is written only onto the version read; an e-mail is bound to one
 * partner (the owners' too); a last sign-in only moves forward.
 */
export class InMemoryTeamStore implements TeamStore {
  private readonly teams = new Map<string, { members?: readonly Member[]; version: number; founder: Member }>();
  private readonly signIns = new Map<string, Date>();
  private readonly emails = new Map<string, string>();

  /** Stores a partner account, as the approval of its application does (no member list: its login is the owner). */
  public addPartner(partner: Partner): void {
    this.teams.set(partner.partnerId, { version: 0, founder: founder(partner) });
    this.emails.set(partner.email.toLowerCase(), partner.partnerId);
  }

  public async team(partnerId: string): Promise<Team | undefined> {
    const stored = this.teams.get(partnerId);
    if (!stored) return undefined;
    const members = (stored.members ?? [stored.founder]).map((member) => {
      const lastSignInAt = this.signIns.get(`${partnerId}#${member.memberId}`);
      return structuredClone(lastSignInAt ? { ...member, lastSignInAt } : member);
    });
    return { partnerId, members, version: stored.version };
  }

  public async save(change: TeamChange): Promise<void> {
    const { partnerId, version } = change.before;
    const stored = this.teams.get(partnerId);
    if (!stored || stored.version !== version) throw new ConcurrentChangeError('team');
    if (change.added && this.emails.has(change.added.email)) {
      throw new ConflictError('email_already_partner', 'This e-mail already belongs to a partner account or team');
    }
    if (change.added) this.emails.set(change.added.email, partnerId);
    if (change.removed && this.emails.get(change.removed.email) === partnerId) this.emails.delete(change.removed.email);
    if (change.removed) this.signIns.delete(`${partnerId}#${change.removed.memberId}`);
    this.teams.set(partnerId, { ...stored, members: structuredClone(change.members), version: version + 1 });
  }

  public async recordSignIn(partnerId: string, memberId: string, at: Date): Promise<void> {
    const key = `${partnerId}#${memberId}`;
    const known = this.signIns.get(key);
    if (!known || known < at) this.signIns.set(key, at);
  }
}
