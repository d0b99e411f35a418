import { ConflictError, InvalidTransitionError, RuleViolationError } from '../errors';
import type { Language } from '../Language';

/** Every status an invitation can be in; only `pending` is open, the rest are final. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;

/** Where an invitation stands. */
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long an invitation link stays valid from its issue or its last resend. */
export const INVITATION_LIFETIME_MS = 7 * DAY_MS;

/** The longest an invitation lives from its first issue, however often it is resent: a partner cannot keep a link alive for ever. */
export const INVITATION_MAX_LIFE_MS = 30 * DAY_MS;

/** An invitation of a cloud account to a partner's client list, answered through a link with a secret token. */
export interface Invitation {
  readonly id: string;
  readonly clientId: string;
  readonly partnerId: string;
  /** The invited cloud account; `undefined` when the partner did not know it: the accepting owner's account is bound. */
  readonly accountId?: string;
  /** The partner's name at the time of sending, shown on the public invitation page. */
  readonly partnerName: string;
  /** The language of its mails (the first and every resend): chosen by the partner, by default the partner's own. */
  readonly language: Language;
  readonly status: InvitationStatus;
  readonly createdAt: Date;
  /** The token (link) stops working at this instant; a resend moves it, at most to 30 days after `createdAt`. */
  readonly expiresAt: Date;
  /** When it was accepted, declined, cancelled or expired. */
  readonly closedAt?: Date;
  /** The id of the audit entry of the change that accepted, declined, cancelled or expired it (absent on invitations closed before it was kept). */
  readonly closingAuditId?: string;
  /** SHA-256 of the only valid token; the token itself is never stored. A resend replaces it. */
  readonly tokenHash: string;
  /** Optimistic-concurrency counter, as on `Client`. */
  readonly version: number;
}

/**
 * The invitation state machine. `renew` (resend) keeps the invitation open with a new token and
 * expiry; every other action closes it for good: closed invitations are never reopened.
 */
const INVITATION_TRANSITIONS = {
  renew: { from: ['pending'], to: 'pending' },
  accept: { from: ['pending'], to: 'accepted' },
  decline: { from: ['pending'], to: 'declined' },
  cancel: { from: ['pending'], to: 'cancelled' },
  expire: { from: ['pending'], to: 'expired' },
} as const satisfies Record<string, { readonly from: readonly InvitationStatus[]; readonly to: InvitationStatus }>;

/** An action on an invitation. */
export type InvitationAction = keyof typeof INVITATION_TRANSITIONS;

/** The status `action` leads to from `status`; throws `InvalidTransitionError` when not allowed. */
export function nextInvitationStatus(status: InvitationStatus, action: InvitationAction): InvitationStatus {
  const transition = INVITATION_TRANSITIONS[action];
  if (!(transition.from as readonly InvitationStatus[]).includes(status)) throw new InvalidTransitionError('invitation', status, action);
  return transition.to;
}

/**
 * The instant an invitation issued (or renewed) at `at` expires: 7 days later, but never later
 * than 30 days after `firstIssuedAt`, its first issue (the invitation's `createdAt`).
 */
export function invitationExpiry(at: Date, firstIssuedAt: Date = at): Date {
  return new Date(Math.min(at.getTime() + INVITATION_LIFETIME_MS, firstIssuedAt.getTime() + INVITATION_MAX_LIFE_MS));
}

/** True when the invitation is still `pending` but its expiry has passed (the job has not marked it yet). */
export function isOverdue(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): boolean {
  return invitation.status === 'pending' && invitation.expiresAt.getTime() <= now.getTime();
}

/** The status the invitee should see: an overdue `pending` invitation is already `expired` for them. */
export function effectiveInvitationStatus(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return isOverdue(invitation, now) ? 'expired' : invitation.status;
}

/**
 * Throws unless the invitee may still answer: an expired invitation (marked or overdue) is a
 * `RuleViolationError` (`invitation_expired`), an answered or withdrawn one a `ConflictError`
 * (`invitation_closed`). Accepting an expired invitation therefore never reports success.
 */
export function assertAnswerable(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): void {
  const status = effectiveInvitationStatus(invitation, now);
  if (status === 'expired') {
    throw new RuleViolationError('invitation_expired', 'This invitation has expired; ask the partner to send a new one', { status });
  }
  if (status !== 'pending') {
    throw new ConflictError('invitation_closed', `This invitation was already ${status}`, { status });
  }
}
