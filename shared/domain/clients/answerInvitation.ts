import type { Clock } from '../Clock';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { ConflictError, NotFoundError, NotPermittedError, RuleViolationError } from '../errors';
import type { ClientRepository } from '../../ports/ClientRepository';
import { normalizedEmail } from '../accounts/emailAddress';
import { type Client, claimsAccount } from './Client';
import type { ClientDeps } from './ClientDeps';
import { type AccountBinding, closeInvitation } from './invitationChanges';
import { assertAnswerable, effectiveInvitationStatus, type Invitation, type InvitationStatus } from './Invitation';
import { notifyPartner, type PartnerNoticeDeps } from './notifyPartner';
import { hashSecretToken } from './secretToken';

/** What the invitee sees about an invitation: never the partner's or the client's contact data. */
export interface InvitationView {
  readonly partnerName: string;
  /** The invited account; `undefined` when the partner did not name one (the accepting owner's account is bound). */
  readonly accountId?: string;
  readonly status: InvitationStatus;
  readonly expiresAt: Date;
}

/** The signed-in owner of a cloud account, as the cloud console's identity provider vouches for it. */
export interface AccountOwner {
  readonly accountId: string;
  /** The e-mail address the provider has verified for this user, if it vouches for one. */
  readonly verifiedEmail?: string;
}

function toView(invitation: Invitation, now: Date): InvitationView {
  return {
    partnerName: invitation.partnerName,
    accountId: invitation.accountId,
    status: effectiveInvitationStatus(invitation, now),
    expiresAt: invitation.expiresAt,
  };
}

/** What showing an invitation needs: reads only. */
export interface InvitationViewDeps {
  readonly clients: Pick<ClientRepository, 'invitationForToken'>;
  readonly clock: Clock;
}

/** The invitation of a token: not found when unknown, `invitation_superseded` when a resend replaced the token. */
async function invitationOfToken(clients: Pick<ClientRepository, 'invitationForToken'>, token: string): Promise<Invitation> {
  const hash = hashSecretToken(token);
  const invitation = await clients.invitationForToken(hash);
  if (!invitation) throw new NotFoundError('Invitation');
  if (invitation.tokenHash !== hash) {
    throw new RuleViolationError('invitation_superseded', 'This link was replaced by a newer invitation mail; use the newest link');
  }
  return invitation;
}

/** The public invitation page's content: who invites, the account, the status (overdue shows as expired). */
export async function viewInvitation(deps: InvitationViewDeps, token: string): Promise<InvitationView> {
  return toView(await invitationOfToken(deps.clients, token), deps.clock.now());
}

/**
 * Only the invitee may answer; a link alone proves nothing (mails are forwarded, screens shared).
 * With an account named, the invitee is that account's owner. Without one, it is the console user
 * whose address the identity provider has verified to be the invited one (compared in the form
 * sign-up stores addresses in); the answer says which address must sign in.
 */
function assertInvitee(invitation: Invitation, client: Client, owner: AccountOwner): void {
  if (invitation.accountId) {
    if (invitation.accountId !== owner.accountId) {
      throw new NotPermittedError('wrong_account', 'This invitation is for another cloud account; sign in to the console as its owner', {});
    }
    return;
  }
  if (!owner.verifiedEmail || normalizedEmail(owner.verifiedEmail) !== normalizedEmail(client.email)) {
    throw new NotPermittedError(
      'wrong_account',
      `This invitation was sent to ${client.email}; sign in to the cloud console as ${client.email} (with that address confirmed) to answer it`,
      { email: client.email },
    );
  }
}

/**
 * The account an identifier-less invitation binds on acceptance: the owner's. The partner's earlier
 * record of that account is replaced when it is closed or deleted; when the owner is already this
 * partner's client (or invited again by it), accepting would make a second client: `already_client`.
 */
async function bindingFor(deps: Pick<ClientDeps, 'clients'>, invitation: Invitation, owner: AccountOwner): Promise<AccountBinding | undefined> {
  if (invitation.accountId) return undefined;
  const earlier = await deps.clients.findByAccount(invitation.partnerId, owner.accountId);
  if (earlier && claimsAccount(earlier.status)) {
    throw new ConflictError('already_client', 'Your cloud account is already a client of this partner, or invited by it under another link', {});
  }
  return { accountId: owner.accountId, ...(earlier && { replaces: earlier.id }) };
}

/**
 * The owner of a cloud account, signed in to the cloud console, answers through the link.
 *
 * 1. Find the invitation by the token's hash (not found; `invitation_superseded`).
 * 2. It must still be open: `invitation_expired` (also when overdue but not yet marked),
 *    `invitation_closed` when already accepted, declined or cancelled.
 * 3. Only the invitee may answer (`wrong_account`): the owner of the invited account, or for an
 *    invitation sent without an account, the console user whose verified e-mail is the invited one;
 *    such an invitation is accepted with that user's account.
 * 4. Close it and move the client (accept → `active`, decline → `declined`) in one conditional
 *    transaction: of any number of concurrent answers exactly one succeeds; the others re-read and
 *    get `invitation_closed` (also when their reads straddle the winner's write). Accepting takes the
 *    account: while another client (of any partner) serves it, the answer is `account_served` and
 *    nothing changes. The partner's notice is queued in the same transaction (the invitation joins
 *    the partner-notice outbox).
 */
async function answerInvitation(
  deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>,
  token: string,
  owner: AccountOwner,
  action: 'accept' | 'decline',
): Promise<Invitation> {
  return retryOnConcurrentChange(async () => {
    const now = deps.clock.now();
    const invitation = await invitationOfToken(deps.clients, token);
    assertAnswerable(invitation, now);
    const client = await deps.clients.get(invitation.partnerId, invitation.clientId);
    if (client?.invitation.id !== invitation.id) {
      throw new ConflictError('invitation_closed', 'This invitation is no longer valid', { status: invitation.status });
    }
    assertInvitee(invitation, client, owner);
    const bind = action === 'accept' ? await bindingFor(deps, invitation, owner) : undefined;
    const actor = { kind: 'invitee', id: client.id } as const;
    const change = closeInvitation(client, invitation, action, { at: now, actor, auditId: deps.ids.next('aud') }, bind);
    await deps.clients.save(change);
    return change.invitation?.after ?? invitation;
  });
}

/** What answering needs: the invitation's records, and what telling the partner (mail, event) needs. */
export type AnswerDeps = PartnerNoticeDeps & Pick<ClientDeps, 'ids'>;

/**
 * 5. Tell the partner at once, by mail and by the `ClientInvitationAccepted` / `Declined` event (its
 *    notice was queued in the transaction that closed the invitation); if that fails, the answer
 *    stands and the expiry job retries the notice (the event keeps its id: the audit entry's).
 */
async function answered(deps: AnswerDeps, closed: Invitation): Promise<InvitationView> {
  await notifyPartner(deps, { invitationId: closed.id, dueAt: closed.closedAt ?? deps.clock.now() }).catch(() => false);
  return toView(closed, deps.clock.now());
}

/** The owner accepts: the client becomes `active` (bound to the owner's account if the partner did not name one). */
export async function acceptInvitation(deps: AnswerDeps, token: string, owner: AccountOwner): Promise<InvitationView> {
  return answered(deps, await answerInvitation(deps, token, owner, 'accept'));
}

/** The owner declines: the client becomes `declined` and the partner may invite the account again. */
export async function declineInvitation(deps: AnswerDeps, token: string, owner: AccountOwner): Promise<InvitationView> {
  return answered(deps, await answerInvitation(deps, token, owner, 'decline'));
}
