import type { ClientIndex } from './ClientIndex';
import type { Client, MailDelivery, VisibleClientStatus } from '../domain/clients/Client';
import type { ClientChange, InviteeMarker } from '../domain/clients/ClientChange';
import type { Invitation } from '../domain/clients/Invitation';
import type { ClientLookup } from './ClientLookup';
import type { Page } from './Page';

/** How to list a partner's clients. */
export interface ClientListQuery {
  /** Only clients in one of these statuses (absent: every status a partner sees). */
  readonly statuses?: readonly VisibleClientStatus[];
  /** The start of the e-mail, of a word of the name or of the account id (case- and accent-insensitive). */
  readonly search?: string;
  readonly limit: number;
  readonly cursor?: string;
  /** Only the clients assigned to this sales member. */
  readonly assignee?: string;
}

/** An accepted, declined or expired invitation whose partner has not been told yet (the partner-notice outbox). */
export interface PartnerNotice {
  readonly invitationId: string;
  /** When it became due (or when the previous sender's lease ran out). */
  readonly dueAt: Date;
}

/** Where partners' clients and their invitations live. Every write is conditional; races surface as `ConcurrentChangeError`. */
export interface ClientRepository extends ClientLookup {
  /** The partner's client, or `undefined` (also for another partner's client, and once detached). */
  get(partnerId: string, clientId: string): Promise<Client | undefined>;
  /** The partner's client record for a cloud account (in any status, detached included), or `undefined`. */
  findByAccount(partnerId: string, accountId: string): Promise<Client | undefined>;
  /** The partner's marker of the invitation it last sent to `email` (compared as `normalizedEmail`), or `undefined`. */
  inviteeMarker(partnerId: string, email: string): Promise<InviteeMarker | undefined>;
  /**
   * Writes a change atomically. Throws `ConflictError` `account_served` when the account is held
   * by another client (active or blocked, of any partner), `ConcurrentChangeError` when anything
   * was changed since it was read.
   */
  save(change: ClientChange): Promise<void>;
  /** The invitation a token (by its hash) was issued for, even if a resend has replaced the token since. */
  invitationForToken(tokenHash: string): Promise<Invitation | undefined>;
  /** The invitation, or `undefined`. */
  getInvitation(invitationId: string): Promise<Invitation | undefined>;
  /**
   * Records whether the mail of `client`'s invitation went out, if the client still has that invitation
   * as issued (same id and expiry: a resend moves the expiry, a reinvite issues a new invitation) and
   * its mail is still `pending`, whatever else changed (it may have been accepted meanwhile). Moves
   * the version. Returns the client as stored afterwards.
   */
  recordMailDelivery(client: Client, mail: MailDelivery): Promise<Client>;
  /** Invitations still `pending` whose expiry is at or before `now` (reads only those). */
  overdueInvitations(now: Date, limit: number): Promise<Invitation[]>;
  /** Closed invitations (accepted, declined, expired) whose partner is still owed the notice. */
  duePartnerNotices(now: Date, limit: number): Promise<PartnerNotice[]>;
  /** Takes the lease on telling the partner; false if another sender holds it. */
  claimPartnerNotice(notice: PartnerNotice, leaseUntil: Date): Promise<boolean>;
  /** Removes the notice from the outbox if this sender still holds the lease. */
  completePartnerNotice(invitationId: string, leaseUntil: Date): Promise<void>;
}

/** A partner's clients as the console lists them (apart from `ClientRepository`: only the list route reads this way). */
export interface ClientListing {
  /** The partner's clients, newest first. */
  list(partnerId: string, query: ClientListQuery): Promise<Page<Client>>;
}

/** The backfill of what follows the clients table (search index, counts) for clients stored before the change stream (apart from `ClientRepository`: only the backfill job reads this way). */
export interface ClientSearchBackfill extends ClientIndex {
  /**
   * Up to `limit` stored clients from `cursor` on (a Scan in table order: the backfill of clients
   * stored before the change stream existed), and where to go on, if anywhere.
   */
  storedClients(cursor: string | undefined, limit: number): Promise<{ clients: Client[]; cursor?: string }>;
}
