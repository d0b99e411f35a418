import type { PartnerNotice } from '../../ports/ClientRepository';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { ClientDeps } from './ClientDeps';
import { type InvitationOutcome, partnerNoticeMail } from './partnerNoticeMails';
import type { Invitation } from './Invitation';

/** How long a sender holds a partner notice before another run may retry it. */
export const PARTNER_NOTICE_LEASE_MS = 2 * 60 * 1000;

/** What telling a partner needs; the event bus where notices are delivered (the answer routes, the expiry job). */
export type PartnerNoticeDeps = Pick<ClientDeps, 'clients' | 'partners' | 'mailer' | 'clock' | 'publicBaseUrl' | 'mail'> & {
  readonly events?: EventPublisher;
};

const OUTCOMES: ReadonlySet<string> = new Set<InvitationOutcome>(['accepted', 'declined', 'expired']);

/** The event of each way an invitation ends that its partner is told of. */
const EVENT_OF_OUTCOME: Readonly<Record<InvitationOutcome, string>> = {
  accepted: 'ClientInvitationAccepted',
  declined: 'ClientInvitationDeclined',
  expired: 'ClientInvitationExpired',
};

/**
 * Publishes the event of how an invitation ended. Its id lets consumers drop repeats: for an answer,
 * the audit entry of the change that closed it (the id the audit trail shows); for an expiry, as
 * before, `<invitation>.expired`. Ids and statuses only: never the token.
 */
async function publishOutcome(events: EventPublisher | undefined, invitation: Invitation, outcome: InvitationOutcome): Promise<void> {
  if (!events) throw new Error('invitation outcomes are published where the event bus is at hand (the answer routes, the expiry job)');
  const closedAt = invitation.closedAt ?? invitation.expiresAt;
  const id = outcome === 'expired' ? `${invitation.id}.expired` : (invitation.closingAuditId ?? `${invitation.id}.${outcome}`);
  await events.publish({
    id,
    type: EVENT_OF_OUTCOME[outcome],
    at: closedAt,
    detail: {
      partnerId: invitation.partnerId,
      clientId: invitation.clientId,
      invitationId: invitation.id,
      accountId: invitation.accountId,
      ...(outcome === 'expired'
        ? { expiresAt: invitation.expiresAt.toISOString(), expiredAt: closedAt.toISOString() }
        : { [`${outcome}At`]: closedAt.toISOString() }),
    },
  });
}

/**
 * Tells the partner, in its language, how one of its invitations ended (accepted, declined,
 * expired), under a lease: the mail, the event (`ClientInvitationAccepted` / `Declined` / `Expired`), then the
 * notice leaves the outbox. The notice was queued in the transaction that closed the invitation;
 * the answering request delivers it at once and the expiry job retries whatever failed (at least
 * once). False when another sender holds the lease.
 */
export async function notifyPartner(deps: PartnerNoticeDeps, notice: PartnerNotice): Promise<boolean> {
  const leaseUntil = new Date(deps.clock.now().getTime() + PARTNER_NOTICE_LEASE_MS);
  if (!(await deps.clients.claimPartnerNotice(notice, leaseUntil))) return false;
  const invitation = await deps.clients.getInvitation(notice.invitationId);
  if (!invitation) return false;
  const [client, partner] = await Promise.all([
    deps.clients.get(invitation.partnerId, invitation.clientId),
    deps.partners.get(invitation.partnerId),
  ]);
  const outcome = OUTCOMES.has(invitation.status) ? (invitation.status as InvitationOutcome) : undefined;
  if (outcome && client && partner) {
    const at = invitation.closedAt ?? invitation.expiresAt;
    await deps.mailer.send(partnerNoticeMail(partner, outcome, client, at, deps.publicBaseUrl, deps.mail));
  }
  if (outcome) await publishOutcome(deps.events, invitation, outcome);
  await deps.clients.completePartnerNotice(invitation.id, leaseUntil);
  return true;
}
