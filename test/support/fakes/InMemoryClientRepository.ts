import { clientRefOf } from '../../../shared/domain/clients/ClientRef';
import type { InviteeMarker } from '../../../shared/domain/clients/ClientChange';
import { type Client, isAttached, type MailDelivery } from '../../../shared/domain/clients/Client';
import type { ClientChange } from '../../../shared/domain/clients/ClientChange';
import { clientSearchTerms, matchesSearch, normalizeSearch, searchWords } from '../../../shared/domain/clients/clientSearch';
import type { Invitation } from '../../../shared/domain/clients/Invitation';
import { ConcurrentChangeError } from '../../../shared/domain/ConcurrentChange';
import { ConflictError } from '../../../shared/domain/errors';
import type { ClientRef } from '../../../shared/domain/clients/ClientRef';
import type { ClientListing, ClientListQuery, ClientRepository, PartnerNotice } from '../../../shared/ports/ClientRepository';
import type { Page } from '../../../shared/ports/Page';
import { InMemoryClientTables } from './InMemoryClientTables';

/**
 * `ClientRepository` (and the `ClientListing` of `DynamoClientListing`) in memory, mirroring `DynamoClientRepository`:
 * - `save` writes the whole change or nothing, under the conditions of `clientChangeItems`; a failed
 *   account lock alone (client and marker fine) is `ConflictError` `account_served`, any other failed
 *   condition `ConcurrentChangeError`, as `saveError` explains a cancelled transaction;
 * - `get` hides detached clients, `findByAccount` follows the partner's marker to a record in any status;
 * - `invitationForToken` follows a token hash to its invitation even after a resend replaced the token;
 * - `recordMailDelivery` writes only while the client has the invitation as issued (id and expiry) with
 *   its mail `pending`, and moves the version; else it returns the client as it is now;
 * - the expiry outbox is the `due` index: overdue pending invitations, expired ones owed a notice, a
 *   lease that moves the notice's due time, and completion only by the lease holder.
 * Listing pages by offset cursors and searches the clients' terms directly (no index to backfill).
 * `beforeNextSave` runs a concurrent request between a use case's read and its write.
 */
export class InMemoryClientRepository implements ClientRepository, ClientListing {
  private interleaved: Array<() => Promise<void>> = [];

  public constructor(public readonly tables: InMemoryClientTables = new InMemoryClientTables()) {}

  /** Runs `action` (another request's write) once, right before the next `save` checks its conditions. */
  public beforeNextSave(action: () => Promise<void>): void {
    this.interleaved.push(action);
  }

  public async get(partnerId: string, clientId: string): Promise<Client | undefined> {
    const client = this.tables.client(partnerId, clientId);
    return client && isAttached(client.status) ? client : undefined;
  }

  public async findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined> {
    const client = await this.get(partnerId, clientId);
    return client && clientRefOf(client);
  }

  public async findByAccount(partnerId: string, accountId: string): Promise<Client | undefined> {
    const clientId = this.tables.markerOf(partnerId, accountId);
    return clientId ? this.tables.client(partnerId, clientId) : undefined;
  }

  public async inviteeMarker(partnerId: string, email: string): Promise<InviteeMarker | undefined> {
    return this.tables.inviteeOf(partnerId, email);
  }

  public async list(partnerId: string, query: ClientListQuery): Promise<Page<Client>> {
    const words = query.search === undefined ? [] : searchWords(normalizeSearch(query.search));
    const matching = [...this.tables.clients.values()]
      .filter((client) => client.partnerId === partnerId && isAttached(client.status) && (!query.statuses || query.statuses.some((status) => status === client.status)))
      .filter((client) => words.every((word) => matchesSearch(clientSearchTerms(client), word)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = start + query.limit;
    return { items: structuredClone(matching.slice(start, end)), ...(end < matching.length && { nextCursor: String(end) }) };
  }

  public async save(change: ClientChange): Promise<void> {
    await this.interleaved.shift()?.();
    const failed = this.tables.failedParts(change);
    if (failed.has('lock') && !failed.has('client') && !failed.has('marker')) {
      throw new ConflictError('account_served', 'The cloud account is served by another client', {});
    }
    if (failed.size > 0) throw new ConcurrentChangeError('client');
    this.tables.apply(change);
  }

  public async invitationForToken(tokenHash: string): Promise<Invitation | undefined> {
    const invitationId = this.tables.tokens.get(tokenHash);
    return invitationId ? this.tables.invitation(invitationId) : undefined;
  }

  public async getInvitation(invitationId: string): Promise<Invitation | undefined> {
    return this.tables.invitation(invitationId);
  }

  public async recordMailDelivery(client: Client, mail: MailDelivery): Promise<Client> {
    const stored = this.tables.client(client.partnerId, client.id);
    const issued = client.invitation;
    if (stored?.invitation.id !== issued.id || stored.invitation.expiresAt.getTime() !== issued.expiresAt.getTime() || stored.invitation.mail !== 'pending') {
      return (await this.get(client.partnerId, client.id)) ?? client;
    }
    const recorded: Client = { ...stored, version: stored.version + 1, invitation: { ...stored.invitation, mail } };
    this.tables.putClient(recorded);
    return recorded;
  }

  public async overdueInvitations(now: Date, limit: number): Promise<Invitation[]> {
    return this.dueIn('expire', now, limit).flatMap(({ invitationId }) => this.tables.invitation(invitationId) ?? []);
  }

  public async duePartnerNotices(now: Date, limit: number): Promise<PartnerNotice[]> {
    return this.dueIn('notifyExpired', now, limit);
  }

  public async claimPartnerNotice(notice: PartnerNotice, leaseUntil: Date): Promise<boolean> {
    const due = this.tables.due.get(notice.invitationId);
    // Invariant: one sender at a time per notice (the lease); a reader of a stale entry loses.
    if (due?.queue !== 'notifyExpired' || due.dueAt.getTime() !== notice.dueAt.getTime()) return false;
    this.tables.due.set(notice.invitationId, { queue: 'notifyExpired', dueAt: leaseUntil });
    return true;
  }

  public async completePartnerNotice(invitationId: string, leaseUntil: Date): Promise<void> {
    const due = this.tables.due.get(invitationId);
    // Only the lease holder empties the outbox.
    if (due?.queue === 'notifyExpired' && due.dueAt.getTime() === leaseUntil.getTime()) this.tables.due.delete(invitationId);
  }

  /** The entries of one queue of the `due` index due at `now`, earliest first. */
  private dueIn(queue: 'expire' | 'notifyExpired', now: Date, limit: number): PartnerNotice[] {
    return [...this.tables.due.entries()]
      .filter(([, due]) => due.queue === queue && due.dueAt.getTime() <= now.getTime())
      .sort(([, a], [, b]) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map(([invitationId, due]) => ({ invitationId, dueAt: new Date(due.dueAt) }));
  }
}
