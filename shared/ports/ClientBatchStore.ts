import type { ClientAuditEntry } from '../domain/audit/AuditEntry';
import type { Client } from '../domain/clients/Client';
import type { ClientFollowUp } from '../domain/clients/decideClientOperation';
import type { Invitation } from '../domain/clients/Invitation';
import type { ClientChange } from '../domain/clients/ClientChange';

/** A change made by an operation on clients, with the follow-up written in the same transaction. */
export interface OperationChange {
  readonly change: ClientChange;
  readonly followUp: ClientFollowUp;
}

/**
 * A follow-up as the store holds it. `storedIn` is the store's own reference to the record that
 * holds it (the follow-ups written in one transaction share one record); the domain never reads
 * it, only hands the follow-up back to `completeFollowUps`.
 */
export interface StoredFollowUp extends ClientFollowUp {
  readonly storedIn: string;
}

/** How writing one client's change went: written (with its stored follow-up), lost a race (re-read and decide again), or failed (with why, to log). */
export type SaveOutcome =
  | { readonly kind: 'saved'; readonly followUp: StoredFollowUp }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'failed'; readonly reason: 'temporarily_unavailable'; readonly error: unknown };

/**
 * Reads and writes of the block / unblock / delete operations, many clients at a time: batched
 * reads, and each client's change (status, audit entry, account lock, invitation, follow-up)
 * atomic, several clients per transaction.
 */
export interface ClientBatchStore {
  /** The partner's client records among `clientIds` (in any status); unknown ids and other partners' clients are absent. */
  clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]>;
  /** The invitations with these ids that exist. */
  invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]>;
  /**
   * The partner's audit entries at `at` with these ids that exist: what a confirmed operation
   * recorded as done (it writes each client's entry in the same transaction as the change).
   */
  recordedChanges(partnerId: string, at: Date, auditIds: readonly string[]): Promise<ClientAuditEntry[]>;
  /**
   * Writes the changes, each client's atomically and only onto the version it was decided on,
   * several transactions at a time. One client's conflict or failure never stops the others. Keyed by client id.
   */
  saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>>;
  /**
   * Removes delivered follow-ups. A stored record whose follow-ups are not all among them keeps
   * exactly the others, for the follow-up job.
   */
  completeFollowUps(followUps: readonly StoredFollowUp[]): Promise<void>;
  /**
   * Stores the follow-up that announces the completion of the operation confirmed with `tokenHash`,
   * once per confirmation: marks the spent confirmation completed and stores the follow-up atomically.
   * `undefined` when an earlier request of this confirmation already did (nothing is stored again).
   */
  recordCompletion(tokenHash: string, followUp: ClientFollowUp): Promise<StoredFollowUp | undefined>;
}

/**
 * The follow-ups `saveAll` stored, as the follow-up job sees them: those still owed, and their
 * removal once delivered. Apart from the store, so the routes do not bundle the job's reading.
 */
export interface ClientFollowUpOutbox extends Pick<ClientBatchStore, 'completeFollowUps'> {
  /** Follow-ups still owed whose `dueAt` is at or before `now`, oldest first, at most `limit`. */
  dueFollowUps(now: Date, limit: number): Promise<StoredFollowUp[]>;
}
