import type { Client, ClientStatus } from '../domain/clients/Client';

/** A client as stored now, and the status the partner's counts hold it under (absent: not counted yet). */
export interface IndexedClient {
  readonly clientId: string;
  /** Absent when no such client is stored. */
  readonly client?: Client;
  readonly counted?: ClientStatus;
}

/** The search entries of one client to write: `put` its current prefixes (holding `terms`), `remove` prefixes it no longer has. */
export interface SearchEntryChange {
  readonly partnerId: string;
  readonly clientId: string;
  readonly createdAt: Date;
  readonly put: readonly string[];
  readonly terms: readonly string[];
  readonly remove: readonly string[];
}

/** One client's move in its partner's counts: from the status it was counted under (absent: not counted) to its current one (absent: gone). */
export interface CountMove {
  readonly clientId: string;
  readonly from?: ClientStatus;
  readonly to?: ClientStatus;
}

/** A partner's clients per status, as the counts hold them. */
export type ClientCounts = Readonly<Record<ClientStatus, number>>;

/**
 * What derives from the clients table and follows it (the change stream's consumer, the backfill):
 * the search index entries and the per-partner counts per status.
 */
export interface ClientIndex {
  /** The partner's clients among `clientIds` as stored now (strongly consistent), with their counted status. */
  current(partnerId: string, clientIds: readonly string[]): Promise<IndexedClient[]>;
  /** Writes and removes search entries (idempotent: an entry is derived from its client alone). */
  writeSearchEntries(changes: readonly SearchEntryChange[]): Promise<void>;
  /**
   * Moves clients in their partner's counts, each only from the status it is counted under now
   * (a compare-and-set, so a replay or a concurrent consumer never counts a client twice).
   * Answers the clients whose move lost a race (to read again).
   */
  recount(partnerId: string, moves: readonly CountMove[]): Promise<string[]>;
}

/** The counts a partner's screens read: one stored record per partner, never counted by scanning. */
export interface ClientCountsReader {
  /** Each partner's clients per status (zero for a partner without clients). */
  countsOf(partnerIds: readonly string[]): Promise<Map<string, ClientCounts>>;
}
