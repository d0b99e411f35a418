import type { RateLimit } from '../../ports/RateLimiter';
import type { Actor } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { claimsAccount, type Client } from './Client';
import type { ClientChange } from './ClientChange';
import type { ClientDeps } from './ClientDeps';
import { isOverdue } from './Invitation';
import { type ClientDetails, inviteNewClient, reinviteClient } from './invitationChanges';
import { issueSecretToken } from './secretToken';
import { sendInvitation } from './sendInvitation';

/** The partner's earlier record of the account (any status), when the partner names a registered account. */
async function earlierRecord(deps: Pick<ClientDeps, 'clients'>, partnerId: string, accountId: string | undefined): Promise<Client | undefined> {
  if (!accountId) return undefined;
  const existing = await deps.clients.findByAccount(partnerId, accountId);
  if (existing && claimsAccount(existing.status)) {
    throw new ConflictError('client_exists', 'This cloud account is already your client or invited by you', {
      clientId: existing.id,
      status: existing.status,
    });
  }
  return existing;
}

/** New invitations a partner may send per day unless configured otherwise (`INVITATIONS_PER_PARTNER_PER_DAY`). */
export const DEFAULT_INVITATIONS_PER_DAY = 200;

/** The fixed daily window of new invitations (adding a client, inviting a closed one again); resends count apart (`RESEND_LIMIT`). */
export function invitationLimit(perDay = DEFAULT_INVITATIONS_PER_DAY): RateLimit {
  return { limit: perDay, windowMs: 24 * 60 * 60 * 1000 };
}

/**
 * The change with the partner's marker of the invited address moved to its new invitation; when the
 * partner's last invitation to that address is still open, `invitation_pending` with its client (resend it instead).
 */
async function withInvitee(deps: Pick<ClientDeps, 'clients' | 'clock'>, change: ClientChange): Promise<ClientChange> {
  const { partnerId, email } = change.after;
  const marker = await deps.clients.inviteeMarker(partnerId, email);
  const holder = marker && (await deps.clients.get(partnerId, marker.clientId));
  const holderInvitation = holder?.invitation.id === marker?.invitationId ? holder?.invitation : undefined;
  if (holder && holderInvitation?.status === 'pending' && holder.status === 'invited' && !isOverdue(holderInvitation, deps.clock.now())) {
    throw new ConflictError('invitation_pending', 'You already invited this e-mail address and the invitation is still open; resend it instead', {
      clientId: holder.id,
    });
  }
  return { ...change, invitee: marker ? { replaces: marker.invitationId } : {} };
}

/**
 * A partner adds a client.
 *
 * Input: the partner, who acts, the client's details (e-mail; name, phone; the cloud account id only
 * when the client is already registered). Output: the client and whether it is new.
 * 1. A given cloud account must be registered (else `unknown_account`).
 * 2. If the partner already has this account as an invited, active or blocked client: `client_exists`.
 *    If its last invitation closed (declined, cancelled, expired) or the client was deleted: invite again.
 *    Other partners are never consulted: an invitation holds no account, its owner decides.
 * 3. If the partner's last invitation to this e-mail address (case-insensitive) is still open:
 *    `invitation_pending` with that client's id. Then count the invitation against the partner's
 *    daily limit (`rate_limited`, with when to retry).
 * 4. Store client, invitation (token hash only), the address's marker and audit entry in one transaction
 *    (of two concurrent invitations to one address, one is stored; the other re-reads and gets step 3).
 * 5. Mail the link; a failed mail leaves the client stored with `mail: 'failed'`.
 */
export async function addClient(
  deps: Pick<ClientDeps, 'clients' | 'accounts' | 'partners' | 'mailer' | 'limits' | 'clock' | 'ids' | 'publicBaseUrl' | 'invitationsPerDay'>,
  partnerId: string,
  actor: Actor,
  details: ClientDetails,
): Promise<{ client: Client; created: boolean }> {
  if (details.accountId && !(await deps.accounts.exists(details.accountId))) {
    throw new RuleViolationError('unknown_account', 'No registered cloud account has this id', { accountId: details.accountId });
  }
  const partner = await deps.partners.get(partnerId);
  if (!partner) throw new NotFoundError('Partner');
  const token = issueSecretToken();
  let counted = false;
  const saved = await retryOnConcurrentChange(async () => {
    const existing = await earlierRecord(deps, partnerId, details.accountId);
    const issued = { id: deps.ids.next('inv'), tokenHash: token.hash, partnerName: partner.name };
    const context = { at: deps.clock.now(), actor, auditId: deps.ids.next('aud') };
    const change = await withInvitee(deps, existing
      ? reinviteClient(existing, details, issued, context)
      : inviteNewClient(partnerId, deps.ids.next('cli'), details, issued, context));
    if (!counted) {
      await deps.limits.take(`invitations:${partnerId}`, invitationLimit(deps.invitationsPerDay), deps.clock.now());
      counted = true;
    }
    await deps.clients.save(change);
    return { client: change.after, created: !existing };
  });
  return { client: await sendInvitation(deps, saved.client, partner.name, token.token), created: saved.created };
}
