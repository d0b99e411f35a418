import type { ClientAuditEntry } from '../audit/AuditEntry';
import type { Client } from './Client';
import type { Invitation, InvitationStatus } from './Invitation';

/**
 * One change to a client, written atomically: the client (created, or updated only if its
 * `version` is still the one read), its invitation (likewise), the account lock (taken or released
 * as the status starts or stops holding the account) and the audit entry.
 */
export interface ClientChange {
  /** The client as read; absent when the change creates it. */
  readonly before?: Client;
  readonly after: Client;
  /** The invitation as read (absent when created) and as it becomes; absent when the change leaves it alone. */
  readonly invitation?: { readonly before?: Invitation; readonly after: Invitation };
  /**
   * A pending invitation the change closes without having read it (a delete cancels it): written only
   * while it is still pending, so an answer that came first wins and the change is decided again.
   */
  readonly closesInvitation?: { readonly id: string; readonly status: InvitationStatus; readonly at: Date };
  readonly audit: ClientAuditEntry;
  /**
   * Present when the change binds the cloud account to a client created without one: the
   * partner's marker of that account moves to this client (from `replaces`, when the partner had
   * an earlier record of the account).
   */
  readonly boundAccount?: { readonly replaces?: string };
  /**
   * Present when the change issues a pending invitation to `after.email`: the partner's marker of
   * that address moves to this invitation (from the invitation `replaces`, closed since, when the
   * partner invited the address before).
   */
  readonly invitee?: { readonly replaces?: string };
}

/** The partner's marker of an invited e-mail address: the client and invitation last sent to it. */
export interface InviteeMarker {
  readonly clientId: string;
  readonly invitationId: string;
}
