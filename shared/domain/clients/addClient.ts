import type { Actor } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { type Client, holdsAccount } from './Client';
import type { ClientDeps } from './ClientDeps';
import { type ClientDetails, inviteNewClient, reinviteClient } from './clientChanges';
import { issueInvitationToken } from './invitationToken';
import { sendInvitation } from './sendInvitation';

/**
 * A partner adds a client.
 *
 * Input: the partner, who acts, the client's details. Output: the client and whether it is new.
 * 1. The cloud account must be registered (else 422 `unknown_account`).
 * 2. If the partner already has this account as a client that holds it (invited, active, blocked):
 *    409 `client_exists`. If its last invitation closed (declined, cancelled, expired): invite again.
 * 3. Store client, invitation (token hash only), account lock and audit entry in one transaction;
 *    the lock answers 409 `account_taken` when the account is held for another partner.
 * 4. Mail the link; a failed mail leaves the client stored with `mail: 'failed'`.
 */
export async function addClient(
  deps: Pick<ClientDeps, 'clients' | 'accounts' | 'partners' | 'mailer' | 'clock' | 'ids' | 'publicBaseUrl'>,
  partnerId: string,
  actor: Actor,
  details: ClientDetails,
): Promise<{ client: Client; created: boolean }> {
  if (!(await deps.accounts.exists(details.accountId))) {
    throw new RuleViolationError('unknown_account', 'No registered cloud account has this id', { accountId: details.accountId });
  }
  const partner = await deps.partners.get(partnerId);
  if (!partner) throw new NotFoundError('Partner');
  const token = issueInvitationToken();
  const saved = await retryOnConcurrentChange(async () => {
    const existing = await deps.clients.findByAccount(partnerId, details.accountId);
    if (existing && holdsAccount(existing.status)) {
      throw new ConflictError('client_exists', 'This cloud account is already your client or invited', {
        clientId: existing.id,
        status: existing.status,
      });
    }
    const issued = { id: deps.ids.next('inv'), tokenHash: token.hash, partnerName: partner.name };
    const context = { at: deps.clock.now(), actor, auditId: deps.ids.next('aud') };
    const change = existing
      ? reinviteClient(existing, details, issued, context)
      : inviteNewClient(partnerId, deps.ids.next('cli'), details, issued, context);
    await deps.clients.save(change);
    return { client: change.after, created: !existing };
  });
  return { client: await sendInvitation(deps, saved.client, partner.name, token.token), created: saved.created };
}
