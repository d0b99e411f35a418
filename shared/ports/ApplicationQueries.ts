import type { ApplicationStatus, PartnerApplication } from '../domain/applications/PartnerApplication';
import type { Page } from './Page';

/** Which applications a listing shows. */
export interface ApplicationListFilter {
  readonly status?: ApplicationStatus;
  /** Only those the manager with this id holds ("mine"). */
  readonly heldBy?: string;
  readonly search?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Reading partner applications, as the managers' lists and detail views do. */
export interface ApplicationQueries {
  /** The application, or `undefined`. */
  get(id: string): Promise<PartnerApplication | undefined>;
  /**
   * Newest first, optionally only one status, only those a manager holds (`heldBy`), or a search by
   * the start of the company name (a word of it) or of the e-mail.
   */
  list(filter: ApplicationListFilter): Promise<Page<PartnerApplication>>;
}
