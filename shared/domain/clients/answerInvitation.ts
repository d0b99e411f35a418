import { retryOnConcurrentChange } from '../ConcurrentChange';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import type { ClientRepository } from '../../ports/ClientRepository';
import type { ClientDeps } from './ClientDeps';
import { closeInvitation } from './clientChanges';
import { assertAnswerable, effectiveInvitationStatus, type Invitation, type InvitationStatus } from './Invitation';
import { hashInvitationToken } from './invitationToken';

/** What the invitee sees about an invitation: never the partner's or the client's contact data. */
export interface InvitationView {
  readonly partnerName: string;
  readonly accountId: string;
  readonly status: InvitationStatus;
  readonly expiresAt: Date;
}

function toView(invitation: Invitation, now: Date): InvitationView {
  return {
    partnerName: invitation.partnerName,
    accountId: invitation.accountId,
    status: effectiveInvitationStatus(invitation, now),
    expiresAt: invitation.expiresAt,
  };
}

/** The invitation of a token: 404 when unknown, 422 `invitation_superseded` when a resend replaced the token. */
async function invitationOfToken(clients: ClientRepository, token: string): Promise<Invitation> {
  const hash = hashInvitationToken(token);
  const invitation = await clients.invitationForToken(hash);
  if (!invitation) throw new NotFoundError('Invitation');
  if (invitation.tokenHash !== hash) {
    throw new RuleViolationError('invitation_superseded', 'This link was replaced by a newer invitation mail; use the newest link');
  }
  return invitation;
}

/** The public invitation page's content: who invites, the account, the status (overdue shows as expired). */
export async function viewInvitation(deps: Pick<ClientDeps, 'clients' | 'clock'>, token: string): Promise<InvitationView> {
  return toView(await invitationOfToken(deps.clients, token), deps.clock.now());
}

/**
 * The invitee answers through the link.
 *
 * 1. Find the invitation by the token's hash (404 unknown, 422 superseded).
 * 2. It must still be open: 422 `invitation_expired` (also when overdue but not yet marked),
 *    409 `invitation_closed` when already accepted, declined or cancelled.
 * 3. Close it and move the client (accept → `active`, decline → `declined` and the account released)
 *    in one conditional transaction: of any number of concurrent answers exactly one succeeds;
 *    the others re-read and get 409 `invitation_closed`.
 */
async function answerInvitation(
  deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>,
  token: string,
  action: 'accept' | 'decline',
): Promise<InvitationView> {
  return retryOnConcurrentChange(async () => {
    const now = deps.clock.now();
    const invitation = await invitationOfToken(deps.clients, token);
    assertAnswerable(invitation, now);
    const client = await deps.clients.get(invitation.partnerId, invitation.clientId);
    if (client?.invitation.id !== invitation.id) {
      throw new ConflictError('invitation_closed', 'This invitation is no longer valid', { status: invitation.status });
    }
    const actor = { kind: 'invitee', id: client.id } as const;
    const change = closeInvitation(client, invitation, action, { at: now, actor, auditId: deps.ids.next('aud') });
    await deps.clients.save(change);
    const closed = change.invitation?.after ?? invitation;
    return toView(closed, now);
  });
}

/** The invitee accepts: the client becomes `active`. */
export function acceptInvitation(deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>, token: string): Promise<InvitationView> {
  return answerInvitation(deps, token, 'accept');
}

/** The invitee declines: the client becomes `declined` and the partner may invite the account again. */
export function declineInvitation(deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>, token: string): Promise<InvitationView> {
  return answerInvitation(deps, token, 'decline');
}
