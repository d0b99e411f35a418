import type { AuditEntry } from '../domain/audit/AuditEntry';
import type { Page } from './Page';

/** Which entries of a partner's audit trail to read. */
export interface AuditQuery {
  readonly clientId?: string;
  /** The member who acted (entries written before teams name nobody). Not with `clientId`. */
  readonly memberId?: string;
  /** Inclusive lower bound. */
  readonly from?: Date;
  /** Exclusive upper bound. */
  readonly to?: Date;
  readonly limit: number;
  readonly cursor?: string;
}

/** Reads a partner's audit trail (entries are written by the repositories, in the same transaction as each change). */
export interface AuditTrail {
  /** The partner's entries, newest first. */
  list(partnerId: string, query: AuditQuery): Promise<Page<AuditEntry>>;
}
