import type { RateLimit } from '../../ports/RateLimiter';
import type { Actor } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { RuleViolationError } from '../errors';
import type { Client } from './Client';
import { isOverdue } from './Invitation';
import type { ClientDeps } from './ClientDeps';
import { assertInvitationOpen, renewInvitation } from './invitationChanges';
import { issueSecretToken } from './secretToken';
import { partnerClient } from './partnerClient';
import { sendInvitation } from './sendInvitation';

/** At most this many resends per client per window, so a partner cannot flood an inbox. */
export const RESEND_LIMIT: RateLimit = { limit: 3, windowMs: 60 * 60 * 1000 };

/**
 * A partner resends a client's pending invitation.
 *
 * 1. The client must be the partner's (not found) and its invitation still open (`invitation_closed`); an invitation
 *    past its expiry stays expired even before the job marks it (`invitation_expired`): invite again.
 * 2. Count the resend against the client's limit (too many requests: `rate_limited`, with when to retry).
 * 3. Give the invitation a new token and a new 7-day expiry, never beyond 30 days from its first issue:
 *    the old link stops working at once.
 * 4. Mail the new link and record whether it went out.
 */
export async function resendInvitation(
  deps: Pick<ClientDeps, 'clients' | 'mailer' | 'limits' | 'clock' | 'ids' | 'publicBaseUrl'>,
  partnerId: string,
  clientId: string,
  actor: Actor,
): Promise<Client> {
  const current = await partnerClient(deps.clients, partnerId, clientId);
  assertInvitationOpen(current.client, current.invitation);
  if (isOverdue(current.invitation, deps.clock.now())) {
    throw new RuleViolationError('invitation_expired', 'This invitation has expired; add the client again to send a new one', { status: 'expired' });
  }
  await deps.limits.take(`resend:${partnerId}:${clientId}`, RESEND_LIMIT, deps.clock.now());
  const token = issueSecretToken();
  const saved = await retryOnConcurrentChange(async () => {
    const { client, invitation } = await partnerClient(deps.clients, partnerId, clientId);
    const change = renewInvitation(client, invitation, token.hash, { at: deps.clock.now(), actor, auditId: deps.ids.next('aud') });
    await deps.clients.save(change);
    return { client: change.after, partnerName: invitation.partnerName };
  });
  return sendInvitation(deps, saved.client, saved.partnerName, token.token);
}
