import { InvalidTransitionError } from '../errors';
import type { Language } from '../Language';

/** Where an application stands in the partner department's process. */
export type ApplicationStatus = 'new' | 'escalated' | 'contacted' | 'approved' | 'rejected';

/** A mail the applicant or the department is owed for this application (the outbox). */
export type ApplicationNotice = 'received' | 'escalated' | 'approved' | 'rejected';

/** What the public "contact sales" form sends. */
export interface ApplicationForm {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly company: string;
  readonly message: string;
  /** The language of the form the applicant filled in (default `DEFAULT_LANGUAGE`): the applicant's mails are in it. */
  readonly language?: Language;
}

/** A request to become a partner, from submission to decision. */
export interface PartnerApplication extends ApplicationForm {
  readonly id: string;
  readonly language: Language;
  readonly status: ApplicationStatus;
  /** When it was submitted (UTC). */
  readonly createdAt: Date;
  /** The instant by which a manager must have contacted the applicant (createdAt + 48 h). */
  readonly contactDueAt: Date;
  readonly updatedAt: Date;
  readonly contactedAt?: Date;
  readonly contactedBy?: string;
  readonly escalatedAt?: Date;
  readonly decidedAt?: Date;
  readonly decidedBy?: string;
  readonly rejectionReason?: string;
  /** The partner account created on approval. */
  readonly partnerId?: string;
  /** The last notice that could not be delivered after every attempt (a manager should reach the applicant another way). */
  readonly noticeFailed?: NoticeFailure;
}

/** A notice given up after its last attempt. */
export interface NoticeFailure {
  readonly notice: ApplicationNotice;
  readonly attempts: number;
  readonly at: Date;
}

/** How long a manager has to contact an applicant. */
export const CONTACT_DEADLINE_MS = 48 * 60 * 60 * 1000;

/** Manager actions and the statuses each is allowed from. */
const ALLOWED_FROM: Readonly<Record<'contact' | 'approve' | 'reject' | 'escalate', readonly ApplicationStatus[]>> = {
  // Contacting an escalated application is how the department recovers it.
  contact: ['new', 'escalated'],
  // Approval follows a conversation: the manager must have contacted the applicant first.
  approve: ['contacted'],
  // Spam and obvious mismatches may be rejected without a call.
  reject: ['new', 'escalated', 'contacted'],
  // Only applications nobody has touched are escalated, once.
  escalate: ['new'],
};

/** A manager (or the escalation job) acting on an application. */
export type ApplicationAction = keyof typeof ALLOWED_FROM;

/** The statuses an action may start from (used as the condition of the conditional write). */
export function allowedFrom(action: ApplicationAction): readonly ApplicationStatus[] {
  return ALLOWED_FROM[action];
}

/** Throws `InvalidTransitionError` unless `action` is allowed from `status`. */
export function assertTransition(status: ApplicationStatus, action: ApplicationAction): void {
  if (!ALLOWED_FROM[action].includes(status)) throw new InvalidTransitionError('partner application', status, action);
}

/** True when the contact deadline has passed and nobody has touched the application. */
export function isOverdue(application: Pick<PartnerApplication, 'status' | 'contactDueAt'>, now: Date): boolean {
  return application.status === 'new' && application.contactDueAt.getTime() <= now.getTime();
}
