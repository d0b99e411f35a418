import type {
  ContactAttempt,
  ApplicationAction,
  ApplicationNotice,
  NoticeFailure,
  ApplicationStatus,
  PartnerApplication,
} from '../domain/applications/PartnerApplication';
import type { Partner } from '../domain/partners/Partner';
import type { ApplicationQueries } from './ApplicationQueries';

/** A change a manager makes to an application, applied only if its status still allows it. */
export interface ApplicationChange {
  readonly id: string;
  readonly action: Exclude<ApplicationAction, 'escalate'>;
  readonly status: ApplicationStatus;
  readonly at: Date;
  readonly by: string;
  readonly rejectionReason?: string;
  /** Mail owed because of this change, put in the outbox in the same write. */
  readonly notice?: ApplicationNotice;
}

/** Where partner applications live: the queries, and the writes (conditional writes enforce the state machine). */
export interface ApplicationRepository extends ApplicationQueries {
  /**
   * Stores a new application, unless an identical form was submitted within the de-duplication
   * window: then returns the earlier application and `created: false`.
   */
  create(application: PartnerApplication, fingerprint: string, dedupUntil: Date): Promise<{ application: PartnerApplication; created: boolean }>;
  /** Applies a manager's change; throws `InvalidTransitionError` if the status moved meanwhile. */
  apply(change: ApplicationChange): Promise<PartnerApplication>;
  /**
   * Approves and creates the partner account in one transaction (the e-mail may belong to one partner
   * only: `email_already_partner`; to an ended partner, `email_of_ended_partner` unless
   * `reapproveEndedPartner`, which moves the e-mail to the new partner; the ended record stays).
   * `loginPartnerId`: the partner whose login the e-mail already is. Then nothing is written unless the
   * override moves the e-mail from that very partner, ended: `email_already_partner` /
   * `email_of_ended_partner` as above, `staff_login_exists` when that partner does not hold the e-mail.
   */
  approve(change: ApplicationChange, partner: Partner, options?: { reapproveEndedPartner: boolean; loginPartnerId?: string }): Promise<PartnerApplication>;
  /**
   * A manager takes the application: it is held by `managerId` from `at`. Written only while it is
   * open and still held by `heldBy` (as read); `ConcurrentChangeError` otherwise.
   */
  take(id: string, managerId: string, at: Date, seen: { status: ApplicationStatus; heldBy?: string; createdAt: Date }): Promise<PartnerApplication>;
  /**
   * Records a contact attempt. One that `reached` the applicant of a `new` or `escalated` application
   * also makes it `contacted` (the 48-hour clock stops) in the same write. Written only onto the status
   * read; `ConcurrentChangeError` when it moved, `RuleViolationError` past `MAX_CONTACT_ATTEMPTS`.
   */
  recordContactAttempt(id: string, attempt: ContactAttempt, seenStatus: ApplicationStatus): Promise<PartnerApplication>;
  /** Applications still `new` whose contact deadline is at or before `now` (reads only those). */
  overdue(now: Date, limit: number): Promise<PartnerApplication[]>;
  /** Marks an overdue application `escalated` exactly once; false if someone else got there first. */
  escalate(id: string, at: Date): Promise<boolean>;
  /** Ids and notices whose mail is due (never sent, or a previous sender's lease ran out). */
  dueNotices(now: Date, limit: number): Promise<Array<{ id: string; notice: ApplicationNotice; dueAt: Date }>>;
  /** Takes the lease on sending a notice and counts the attempt: its number (1 for the first), or `undefined` if another sender holds it. */
  claimNotice(id: string, notice: ApplicationNotice, seenDueAt: Date, leaseUntil: Date): Promise<number | undefined>;
  /** Marks the notice sent (removes it from the outbox) if this sender still holds the lease. */
  completeNotice(id: string, notice: ApplicationNotice, leaseUntil: Date, at: Date): Promise<void>;
  /** Gives the notice up after its last attempt: removed from the outbox and recorded on the application as failed (managers see it). */
  abandonNotice(id: string, notice: ApplicationNotice, leaseUntil: Date, failure: NoticeFailure): Promise<void>;
}
