import type { Client } from '../domain/clients/Client';
import type { ClientFollowUp } from '../domain/clients/clientOperations';
import type { Invitation } from '../domain/clients/Invitation';
import type { ClientChange } from './ClientRepository';

/** A change made by an operation on clients, with the follow-up written in the same transaction. */
export interface OperationChange {
  readonly change: ClientChange;
  readonly followUp: ClientFollowUp;
}

/** How writing one client's change went: written, lost a race (re-read and decide again), or failed. */
export type SaveOutcome =
  | { readonly kind: 'saved' }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'failed'; readonly reason: 'temporarily_unavailable' };

/**
 * Reads and writes of the block / unblock / delete operations, many clients at a time: batched
 * reads, and each client's change (status, audit entry, account lock, invitation, follow-up)
 * atomic, several clients per transaction.
 */
export interface ClientOperationStore {
  /** The partner's client records among `clientIds` (in any status); unknown ids and other partners' clients are absent. */
  clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]>;
  /** The invitations with these ids that exist. */
  invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]>;
  /**
   * Writes the changes, each client's atomically and only onto the version it was decided on.
   * One client's conflict or failure never stops the others. Keyed by client id.
   */
  saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>>;
  /**
   * Whether each cloud account's console login should be enabled now: false only while the client
   * holding the account (whichever partner's) is blocked. Keyed by account id.
   */
  loginStates(accountIds: readonly string[]): Promise<Map<string, boolean>>;
  /** Follow-ups still owed whose `dueAt` is at or before `now`, oldest first. */
  dueFollowUps(now: Date, limit: number): Promise<ClientFollowUp[]>;
  /** Removes delivered follow-ups. */
  completeFollowUps(followUpIds: readonly string[]): Promise<void>;
}
