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
  /** The manager who holds the application (took it), and since when. */
  readonly assignedTo?: string;
  readonly assignedAt?: Date;
  /** Every recorded attempt to reach the applicant, oldest first. */
  readonly contactAttempts?: readonly ContactAttempt[];
}

/** A manager's attempt to reach the applicant: when, who, whether it reached them, and a note. */
export interface ContactAttempt {
  readonly at: Date;
  readonly by: string;
  /** True when the manager spoke with the applicant: a first such attempt stops the 48-hour clock (`contacted`). */
  readonly reached: boolean;
  readonly note: string;
}

/** Most attempts one application keeps (each note is at most 1,000 characters: far below DynamoDB's 400 KB per item). */
export const MAX_CONTACT_ATTEMPTS = 100;

/** Statuses in which the department still works on an application: it can be taken and attempts recorded. */
export const OPEN_APPLICATION_STATUSES = ['new', 'escalated', 'contacted'] as const satisfies readonly ApplicationStatus[];

/** Throws `InvalidTransitionError` unless the application is still open (taking it, recording an attempt). */
export function assertOpen(status: ApplicationStatus, action: 'take' | 'record a contact attempt on'): void {
  if (!(OPEN_APPLICATION_STATUSES as readonly ApplicationStatus[]).includes(status)) throw new InvalidTransitionError('partner application', status, action);
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
