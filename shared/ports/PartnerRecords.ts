import type { ClientStatus } from '../domain/clients/Client';
import type { PartnerRecord } from '../domain/partners/Partner';
import type { PartnerAuditEntry } from '../domain/partners/PartnerAuditEntry';
import type { PartnerState } from '../domain/partners/PartnerStanding';
import type { Page } from './Page';

/** How many of a partner's clients are in each status (maintained as clients change, never counted by reading them). */
export type ClientCounts = Readonly<Record<ClientStatus, number>>;

/** Which partners the managers' list shows: newest first, optionally one state, optionally a search. */
export interface PartnerListQuery {
  readonly state?: PartnerState;
  /** The start of the company name (of one of its words) or of the login e-mail. */
  readonly search?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** A manager's change of a partner's state, written only onto the version read. */
export interface PartnerStateChange {
  readonly before: PartnerRecord;
  readonly after: PartnerRecord;
  readonly audit: PartnerAuditEntry;
  /** Ending: the partner's clients, invitations and logins still have to be closed (`PartnerEndings`). */
  readonly ending: boolean;
}

/** The partner department's view of partners: records, list, client counts and what managers did. */
export interface PartnerRecords {
  /** The partner's record, or `undefined`. */
  get(partnerId: string): Promise<PartnerRecord | undefined>;
  /** Newest first; one query page of an index, never a scan. */
  list(query: PartnerListQuery): Promise<Page<PartnerRecord>>;
  /** The client counts of each partner (zero for a partner without clients). */
  clientCounts(partnerIds: readonly string[]): Promise<Map<string, ClientCounts>>;
  /** What managers did to the partner, newest first. */
  history(partnerId: string, query: { limit: number; cursor?: string }): Promise<Page<PartnerAuditEntry>>;
  /** The audit entry `auditId` of the partner dated `at`, or `undefined` (a key read: was this change made?). */
  recordedChange(partnerId: string, at: Date, auditId: string): Promise<PartnerAuditEntry | undefined>;
  /** Writes a state change with its audit entry in one transaction; `ConcurrentChangeError` when the record moved meanwhile. */
  changeState(change: PartnerStateChange): Promise<void>;
}

/** The work an ended partnership leaves: detaching its clients, cancelling invitations, closing its logins. */
export interface PartnerEndings {
  /** Partners whose end is not finished yet, each with the manager who ended it. */
  unfinished(limit: number): Promise<Array<{ partnerId: string; endedBy: string }>>;
  /** Ids of some of the partner's clients still attached (any status but detached); empty when none is left. */
  attachedClientIds(partnerId: string, limit: number): Promise<string[]>;
  /** Marks the end finished (the partner leaves the work queue). */
  finish(partnerId: string): Promise<void>;
}
