import type { PartnerNotice } from '../../ports/ClientRepository';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { ClientDeps } from './ClientDeps';
import { type InvitationOutcome, partnerNoticeMail } from './partnerNoticeMails';
import type { Invitation } from './Invitation';

/** How long a sender holds a partner notice before another run may retry it. */
export const PARTNER_NOTICE_LEASE_MS = 2 * 60 * 1000;

/** What telling a partner needs; the event bus only where expiry notices are delivered (the expiry job). */
export type PartnerNoticeDeps = Pick<ClientDeps, 'clients' | 'partners' | 'mailer' | 'clock' | 'publicBaseUrl' | 'mail'> & {
  readonly events?: EventPublisher;
};

const OUTCOMES: ReadonlySet<string> = new Set<InvitationOutcome>(['accepted', 'declined', 'expired']);

/** Publishes `ClientInvitationExpired` for an expired invitation (its event id lets consumers drop repeats). */
async function publishExpiry(events: EventPublisher | undefined, invitation: Invitation): Promise<void> {
  if (!events) throw new Error('expiry notices are delivered where the event bus is at hand (the expiry job)');
  const expiredAt = invitation.closedAt ?? invitation.expiresAt;
  await events.publish({
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
}

/**
 * Tells the partner, in its language, how one of its invitations ended (accepted, declined,
 * expired), under a lease: the mail, for an expiry the `ClientInvitationExpired` event, then the
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
  if (client && partner && OUTCOMES.has(invitation.status)) {
    const at = invitation.closedAt ?? invitation.expiresAt;
    await deps.mailer.send(partnerNoticeMail(partner, invitation.status as InvitationOutcome, client, at, deps.publicBaseUrl, deps.mail));
  }
  if (invitation.status === 'expired') await publishExpiry(deps.events, invitation);
  await deps.clients.completePartnerNotice(invitation.id, leaseUntil);
  return true;
}
