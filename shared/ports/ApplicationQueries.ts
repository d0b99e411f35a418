import type { ApplicationStatus, PartnerApplication } from '../domain/applications/PartnerApplication';
import type { Page } from './Page';

/** Reading partner applications, as the managers' lists and detail views do. */
export interface ApplicationQueries {
  /** The application, or `undefined`. */
  get(id: string): Promise<PartnerApplication | undefined>;
  /** Newest first, optionally only one status. */
  list(filter: { status?: ApplicationStatus; limit: number; cursor?: string }): Promise<Page<PartnerApplication>>;
}
