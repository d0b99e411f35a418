import type { ExpiryNotice } from '../../ports/ClientRepository';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { earliestDue } from '../JobRun';
import type { ClientDeps } from './ClientDeps';
import { closeInvitation, isOpenInvitation } from './invitationChanges';
import { invitationExpiredMail } from './clientMails';
import { isOverdue } from './Invitation';
import { type TimeBudget, UNLIMITED_TIME } from '../TimeBudget';

/** Overdue invitations read per page, and at most how many pages per run. */
const PAGE = 100;
const MAX_PAGES = 50;

/** How long a sender holds an expiry notice before another run may retry it. */
export const EXPIRY_NOTICE_LEASE_MS = 2 * 60 * 1000;

/** The id of the job as an actor in the audit trail. */
const JOB_ACTOR = { kind: 'system', id: 'expireInvitations' } as const;

type ExpiryDeps = Pick<ClientDeps, 'clients' | 'partners' | 'mailer' | 'events' | 'clock' | 'ids'>;

/** Expires one invitation if it is still pending and overdue; false if someone answered, cancelled or renewed it first. */
async function expireInvitation(deps: ExpiryDeps, invitationId: string): Promise<boolean> {
  return retryOnConcurrentChange(async () => {
    const now = deps.clock.now();
    const invitation = await deps.clients.getInvitation(invitationId);
    if (!invitation || !isOverdue(invitation, now)) return false;
    const client = await deps.clients.get(invitation.partnerId, invitation.clientId);
    if (!client || !isOpenInvitation(client, invitation)) return false;
    await deps.clients.save(closeInvitation(client, invitation, 'expire', { at: now, actor: JOB_ACTOR, auditId: deps.ids.next('aud') }));
    return true;
  });
}

/**
 * Tells the partner about one expired invitation, under a lease: mail to the partner, then the
 * `ClientInvitationExpired` event, then the notice leaves the outbox. If anything fails the lease
 * runs out and a later run tries again (at least once; the event id lets consumers drop repeats).
 */
async function notifyExpiry(deps: ExpiryDeps, notice: ExpiryNotice): Promise<boolean> {
  const leaseUntil = new Date(deps.clock.now().getTime() + EXPIRY_NOTICE_LEASE_MS);
  if (!(await deps.clients.claimExpiryNotice(notice, leaseUntil))) return false;
  const invitation = await deps.clients.getInvitation(notice.invitationId);
  if (!invitation) return false;
  const [client, partner] = await Promise.all([
    deps.clients.get(invitation.partnerId, invitation.clientId),
    deps.partners.get(invitation.partnerId),
  ]);
  if (client && partner) await deps.mailer.send(invitationExpiredMail(partner.email, client, invitation));
  const expiredAt = invitation.closedAt ?? invitation.expiresAt;
  await deps.events.publish({
    id: `${invitation.id}.expired`,
    type: 'ClientInvitationExpired',
    at: expiredAt,
    detail: {
      partnerId: invitation.partnerId,
      clientId: invitation.clientId,
      invitationId: invitation.id,
      accountId: invitation.accountId,
      expiresAt: invitation.expiresAt.toISOString(),
      expiredAt: expiredAt.toISOString(),
    },
  });
  await deps.clients.completeExpiryNotice(invitation.id, leaseUntil);
  return true;
}

/**
 * The expiry job (EventBridge schedule): expiry is never silent.
 *
 * Output: how many invitations it expired, how many partners it told, how many attempts failed, and
 * the earliest due time of the work it found (an invitation's expiry, a notice's due time).
 * 1. Read only overdue `pending` invitations (sparse index) and expire each with a conditional
 *    transaction (invitation and client `expired`, account released, audit entry, expiry notice queued).
 * 2. Deliver due expiry notices (this run's and any earlier failed ones).
 * Each step takes new work only while `budget` has time left; the rest waits for the next run.
 */
export async function expireInvitations(
  deps: ExpiryDeps,
  budget: TimeBudget = UNLIMITED_TIME,
): Promise<{ expired: number; notified: number; failed: number; oldestDueAt?: Date }> {
  let expired = 0;
  let oldestDueAt: Date | undefined;
  // An invitation that failed stays overdue at the head of the index: each page asks for that many
  // more and leaves them out, so a run tries every invitation once and never loops on its failures.
  const failedIds = new Set<string>();
  for (let page = 0; page < MAX_PAGES && budget.hasTimeLeft(); page += 1) {
    const read = await deps.clients.overdueInvitations(deps.clock.now(), PAGE + failedIds.size);
    const overdue = read.filter((invitation) => !failedIds.has(invitation.id));
    oldestDueAt = earliestDue([oldestDueAt, ...overdue.map((invitation) => invitation.expiresAt)]);
    for (const invitation of overdue) {
      if (!budget.hasTimeLeft()) break;
      try {
        if (await expireInvitation(deps, invitation.id)) expired += 1;
      } catch {
        failedIds.add(invitation.id);
      }
    }
    if (overdue.length < PAGE) break;
  }
  let failed = failedIds.size;
  let notified = 0;
  const notices = budget.hasTimeLeft() ? await deps.clients.dueExpiryNotices(deps.clock.now(), PAGE) : [];
  oldestDueAt = earliestDue([oldestDueAt, ...notices.map((notice) => notice.dueAt)]);
  for (const notice of notices) {
    if (!budget.hasTimeLeft()) break;
    try {
      if (await notifyExpiry(deps, notice)) notified += 1;
    } catch {
      failed += 1;
    }
  }
  return { expired, notified, failed, oldestDueAt };
}
