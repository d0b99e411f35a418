import type { Actor } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { claimsAccount, type Client } from './Client';
import type { ClientDeps } from './ClientDeps';
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

/**
 * A partner adds a client.
 *
 * Input: the partner, who acts, the client's details (e-mail; name, phone; the cloud account id only
 * when the client is already registered; the language of the invitation, by default the partner's). Output: the client and whether it is new.
 * 1. A given cloud account must be registered (else `unknown_account`).
 * 2. If the partner already has this account as an invited, active or blocked client: `client_exists`.
 *    If its last invitation closed (declined, cancelled, expired) or the client was deleted: invite again.
 *    Other partners are never consulted: an invitation holds no account, its owner decides.
 * 3. Store client, invitation (token hash only) and audit entry in one transaction.
 * 4. Mail the link; a failed mail leaves the client stored with `mail: 'failed'`.
 */
export async function addClient(
  deps: Pick<ClientDeps, 'clients' | 'accounts' | 'partners' | 'mailer' | 'clock' | 'ids' | 'publicBaseUrl' | 'mail'>,
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
  const saved = await retryOnConcurrentChange(async () => {
    const existing = await earlierRecord(deps, partnerId, details.accountId);
    const issued = { id: deps.ids.next('inv'), tokenHash: token.hash, partnerName: partner.name, language: details.language ?? partner.language };
    const context = { at: deps.clock.now(), actor, auditId: deps.ids.next('aud') };
    const change = existing
      ? reinviteClient(existing, details, issued, context)
      : inviteNewClient(partnerId, deps.ids.next('cli'), details, issued, context);
    await deps.clients.save(change);
    return { client: change.after, created: !existing, invitation: issued };
  });
  return { client: await sendInvitation(deps, saved.client, saved.invitation, token.token), created: saved.created };
}
