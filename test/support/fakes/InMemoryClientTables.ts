import type { ClientAuditEntry } from '../../../shared/domain/audit/AuditEntry';
import { normalizedEmail } from '../../../shared/domain/accounts/emailAddress';
import { type Client, holdsAccount } from '../../../shared/domain/clients/Client';
import type { ClientChange, InviteeMarker } from '../../../shared/domain/clients/ClientChange';
import type { ClientFollowUp } from '../../../shared/domain/clients/decideClientOperation';
import type { Invitation } from '../../../shared/domain/clients/Invitation';
import type { StoredFollowUp } from '../../../shared/ports/ClientBatchStore';

/** What a change's condition protects, as `Part` in `clientChangeTransaction.ts` names the items of its transaction. */
export type ChangePart = 'client' | 'marker' | 'invitee' | 'lock' | 'invitation' | 'token' | 'audit';

/** Where an invitation waits in the `due` index: for its expiry while pending, for its notice once expired. */
export interface DueEntry {
  readonly queue: 'expire' | 'notifyExpired';
  readonly dueAt: Date;
}

/** Who serves a cloud account: the account lock item. */
export interface AccountLock {
  readonly partnerId: string;
  readonly clientId: string;
}

/** The follow-ups written by one transaction, stored together (the adapter's follow-up group). */
interface FollowUpGroup {
  readonly groupId: string;
  readonly entries: Map<string, ClientFollowUp>;
}

const key = (...parts: readonly string[]): string => parts.join('|');

/**
 * The `clients`, `invitations`, `audit` and `clientFollowUps` tables in memory, shared by
 * `InMemoryClientRepository` and `InMemoryClientBatchStore` as the two adapters share the real tables.
 *
 * `failedParts` evaluates a `ClientChange` against the conditions `clientChangeItems`
 * (`DynamoClientRepository.ts`) puts on each item of the change's transaction, and `apply` writes it;
 * the fakes call them in one synchronous step, so a change is atomic as the transaction is.
 * Search index entries are not kept: the fake repository searches the clients themselves.
 * Items are copied in and out (`structuredClone`), so no caller holds a stored object.
 */
export class InMemoryClientTables {
  /** Client records by partner and client id, in any status (detached included). */
  public readonly clients = new Map<string, Client>();
  /** The partner's marker of a cloud account: partner and account id → client id. */
  public readonly markers = new Map<string, string>();
  /** The partner's marker of each invited e-mail address (`normalizedEmail`), by partner id and address. */
  public readonly invitees = new Map<string, InviteeMarker>();

  /** The partner's marker of an invited e-mail address. */
  public inviteeOf(partnerId: string, email: string): InviteeMarker | undefined {
    return this.invitees.get(key(partnerId, normalizedEmail(email)));
  }
  /** Account locks by account id. */
  public readonly locks = new Map<string, AccountLock>();
  public readonly invitations = new Map<string, Invitation>();
  /** Invitation id by token hash: a token hash points at one invitation forever. */
  public readonly tokens = new Map<string, string>();
  /** The `due` index of invitations, by invitation id. */
  public readonly due = new Map<string, DueEntry>();
  /** The audit trail, in the order written. */
  public readonly audit: ClientAuditEntry[] = [];
  private readonly followUpGroups = new Map<string, FollowUpGroup>();

  /** The stored client record in any status, as a copy. */
  public client(partnerId: string, clientId: string): Client | undefined {
    const client = this.clients.get(key(partnerId, clientId));
    return client && structuredClone(client);
  }

  /** Stores a client record (a copy), replacing the one with its key. */
  public putClient(client: Client): void {
    this.clients.set(key(client.partnerId, client.id), structuredClone(client));
  }

  /** The client id of the partner's marker of an account. */
  public markerOf(partnerId: string, accountId: string): string | undefined {
    return this.markers.get(key(partnerId, accountId));
  }

  /** The stored invitation, as a copy. */
  public invitation(invitationId: string): Invitation | undefined {
    const invitation = this.invitations.get(invitationId);
    return invitation && structuredClone(invitation);
  }

  /** The audit entries of one client, oldest first. */
  public auditOf(clientId: string): ClientAuditEntry[] {
    return structuredClone(this.audit.filter((entry) => entry.clientId === clientId));
  }

  /** The parts of the change whose condition fails on the stored items (empty: the change may be written). */
  public failedParts(change: ClientChange): Set<ChangePart> {
    const failed = new Set<ChangePart>();
    const { before, after } = change;
    const stored = this.clients.get(key(after.partnerId, after.id));
    // Invariant (client): ids are never reused; a change applies only to the version it was decided on.
    if (before ? stored?.version !== before.version : stored !== undefined) failed.add('client');
    if (after.accountId && (!before || change.boundAccount)) {
      const marker = this.markerOf(after.partnerId, after.accountId);
      const replaces = before ? change.boundAccount?.replaces : undefined;
      // Invariant (marker): one client record per partner and cloud account; a binding replaces only the record read.
      if (replaces ? marker !== replaces : marker !== undefined) failed.add('marker');
    }
    if (change.invitee && change.invitation) {
      const invitee = this.invitees.get(key(after.partnerId, normalizedEmail(after.email)));
      // Invariant (invitee): at most one pending invitation per partner and e-mail; a new one replaces only the invitation read.
      if (change.invitee.replaces ? invitee?.invitationId !== change.invitee.replaces : invitee !== undefined) failed.add('invitee');
    }
    const lock = after.accountId ? this.locks.get(after.accountId) : undefined;
    const lockChange = this.lockChange(change);
    // Invariant (lock): an account is served by at most one client at a time; only its holder releases it.
    if (lockChange === 'take' && lock && lock.clientId !== after.id) failed.add('lock');
    if (lockChange === 'release' && lock?.clientId !== after.id) failed.add('lock');
    if (change.invitation) {
      const { before: previous, after: invitation } = change.invitation;
      const current = this.invitations.get(invitation.id);
      // Invariant (invitation): one answer per invitation, onto the version read.
      if (previous ? current?.version !== previous.version : current !== undefined) failed.add('invitation');
      // Invariant (token): a token hash points at exactly one invitation, forever.
      if (previous?.tokenHash !== invitation.tokenHash && this.tokens.has(invitation.tokenHash)) failed.add('token');
    }
    // Invariant (invitation): a pending invitation closed unread is closed only while still pending.
    if (change.closesInvitation && this.invitations.get(change.closesInvitation.id)?.status !== 'pending') failed.add('invitation');
    // Invariant (audit): an entry is written once.
    if (this.audit.some((entry) => entry.id === change.audit.id)) failed.add('audit');
    return failed;
  }

  /** Writes a change whose conditions hold (see `failedParts`). */
  public apply(change: ClientChange): void {
    const { after } = change;
    this.putClient(after);
    if (after.accountId && (!change.before || change.boundAccount)) this.markers.set(key(after.partnerId, after.accountId), after.id);
    if (change.invitee && change.invitation) {
      this.invitees.set(key(after.partnerId, normalizedEmail(after.email)), { clientId: after.id, invitationId: change.invitation.after.id });
    }
    const lockChange = this.lockChange(change);
    if (lockChange === 'take' && after.accountId) this.locks.set(after.accountId, { partnerId: after.partnerId, clientId: after.id });
    if (lockChange === 'release' && after.accountId) this.locks.delete(after.accountId);
    if (change.invitation) this.putInvitation(change.invitation.after);
    const closing = change.closesInvitation && this.invitations.get(change.closesInvitation.id);
    if (change.closesInvitation && closing) {
      this.putInvitation({ ...closing, status: change.closesInvitation.status, closedAt: change.closesInvitation.at, version: closing.version + 1 });
    }
    this.audit.push(structuredClone(change.audit));
  }

  /** Stores the follow-ups of one transaction as one group named after the first, and returns them as stored. */
  public storeFollowUps(followUps: readonly ClientFollowUp[]): StoredFollowUp[] {
    const [first] = followUps;
    if (!first) return [];
    const group: FollowUpGroup = { groupId: first.id, entries: new Map(followUps.map((followUp) => [followUp.id, structuredClone(followUp)])) };
    this.followUpGroups.set(group.groupId, group);
    return followUps.map((followUp) => ({ ...structuredClone(followUp), storedIn: group.groupId }));
  }

  /** The follow-ups of the groups due at `now` (a group is due at its earliest entry), groups in due order, each group's entries oldest first. */
  public dueFollowUps(now: Date, limit: number): StoredFollowUp[] {
    const groups = [...this.followUpGroups.values()]
      .map((group) => ({ group, entries: [...group.entries.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id)) }))
      .filter(({ entries }) => entries.length > 0 && (entries[0]?.dueAt.getTime() ?? Infinity) <= now.getTime())
      .sort((a, b) => (a.entries[0]?.dueAt.getTime() ?? 0) - (b.entries[0]?.dueAt.getTime() ?? 0));
    return groups
      .flatMap(({ group, entries }) => entries.map((followUp) => ({ ...structuredClone(followUp), storedIn: group.groupId })))
      .slice(0, limit);
  }

  /** Removes delivered follow-ups from their groups, and a group once nothing is left in it. */
  public removeFollowUps(followUps: readonly StoredFollowUp[]): void {
    for (const followUp of followUps) {
      const group = this.followUpGroups.get(followUp.storedIn);
      group?.entries.delete(followUp.id);
      if (group?.entries.size === 0) this.followUpGroups.delete(group.groupId);
    }
  }

  /** How many follow-up groups are stored (an emptied group must be gone). */
  public get followUpGroupCount(): number {
    return this.followUpGroups.size;
  }

  /** Whether the change takes the account lock, releases it, or leaves it alone (`clientChangeItems`). */
  private lockChange(change: ClientChange): 'take' | 'release' | undefined {
    const heldBefore = change.before ? holdsAccount(change.before.status) : false;
    const heldAfter = holdsAccount(change.after.status);
    if (!change.after.accountId || heldBefore === heldAfter) return undefined;
    return heldAfter ? 'take' : 'release';
  }

  /** Stores an invitation, its token and its place in the `due` index, as `invitationToItem` derives it from the status. */
  private putInvitation(invitation: Invitation): void {
    this.invitations.set(invitation.id, structuredClone(invitation));
    this.tokens.set(invitation.tokenHash, invitation.id);
    if (invitation.status === 'pending') this.due.set(invitation.id, { queue: 'expire', dueAt: invitation.expiresAt });
    else if (['accepted', 'declined', 'expired'].includes(invitation.status)) this.due.set(invitation.id, { queue: 'notifyExpired', dueAt: invitation.closedAt ?? invitation.expiresAt });
    else this.due.delete(invitation.id);
  }
}
