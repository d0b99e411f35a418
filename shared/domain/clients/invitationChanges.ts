import type { Actor, ClientAuditEntry } from '../audit/AuditEntry';
import { DEFAULT_LANGUAGE, type Language } from '../Language';
import { ConflictError } from '../errors';
import type { ClientChange } from './ClientChange';
import { advanceClient, type Client, type ClientAction, type InvitationSummary, NEW_CLIENT_STATUS } from './Client';
import { type Invitation, invitationExpiry, nextInvitationStatus } from './Invitation';

/** Who acts, when, and the ids a change needs. */
export interface ChangeContext {
  readonly at: Date;
  readonly actor: Actor;
  readonly auditId: string;
}

/** What a partner gives to invite a cloud account. */
export interface ClientDetails {
  /** Only when the client is already registered in the cloud; otherwise bound when its owner accepts. */
  readonly accountId?: string;
  readonly email: string;
  readonly name?: string;
  readonly phone?: string;
  /** The sales member who adds the client, who sees it from then on; absent for the roles that see every client. */
  readonly assignee?: string;
  /** The language of the invitation mail; default: the partner's. */
  readonly language?: Language;
}

/** A new invitation to issue: its id, the hash of its token and the partner's name to show. */
export interface NewInvitation {
  readonly id: string;
  readonly tokenHash: string;
  readonly partnerName: string;
  /** The language of its mails (`DEFAULT_LANGUAGE` when absent). */
  readonly language?: Language;
}

/** The audit entry that records a change of `before` into `after` (no `before` for a creation). */
export function audit(before: Client | undefined, after: Client, action: ClientAction, context: ChangeContext): ClientAuditEntry {
  return {
    id: context.auditId,
    partnerId: after.partnerId,
    clientId: after.id,
    at: context.at,
    actor: context.actor,
    action,
    before: before?.status ?? null,
    after: after.status,
  };
}

function pendingInvitation(client: Pick<Client, 'id' | 'partnerId' | 'accountId'>, issued: NewInvitation, at: Date): Invitation {
  return {
    id: issued.id,
    clientId: client.id,
    partnerId: client.partnerId,
    accountId: client.accountId,
    partnerName: issued.partnerName,
    language: issued.language ?? DEFAULT_LANGUAGE,
    status: 'pending',
    createdAt: at,
    expiresAt: invitationExpiry(at),
    tokenHash: issued.tokenHash,
    version: 1,
  };
}

/** What a client shows of an invitation just issued: its mail not sent yet. */
function newInvitationSummary(invitation: Invitation): InvitationSummary {
  return { id: invitation.id, status: invitation.status, expiresAt: invitation.expiresAt, mail: 'pending' };
}

/** A partner adds a cloud account as a new client: the client (`invited`) and its first invitation. */
export function inviteNewClient(
  partnerId: string,
  clientId: string,
  details: ClientDetails,
  issued: NewInvitation,
  context: ChangeContext,
): ClientChange {
  const invitation = pendingInvitation({ id: clientId, partnerId, accountId: details.accountId }, issued, context.at);
  const client: Client = {
    id: clientId,
    partnerId,
    accountId: details.accountId,
    email: details.email,
    name: details.name,
    phone: details.phone,
    status: NEW_CLIENT_STATUS,
    createdAt: context.at,
    updatedAt: context.at,
    version: 1,
    invitation: newInvitationSummary(invitation),
    ...(details.assignee && { assignee: details.assignee }),
  };
  return { after: client, invitation: { after: invitation }, audit: audit(undefined, client, 'invite', context) };
}

/**
 * A partner invites an account again after its previous invitation closed: same client record
 * (stable id), contact details as now given, and a brand-new invitation (the old one stays closed).
 */
export function reinviteClient(client: Client, details: ClientDetails, issued: NewInvitation, context: ChangeContext): ClientChange {
  const invitation = pendingInvitation(client, issued, context.at);
  const { servedSince: _servedBefore, ...earlier } = client;
  const after = advanceClient(earlier, 'reinvite', context.at, {
    email: details.email, name: details.name, phone: details.phone, invitation: newInvitationSummary(invitation),
    ...(details.assignee && { assignee: details.assignee }),
  });
  return { before: client, after, invitation: { after: invitation }, audit: audit(client, after, 'reinvite', context) };
}

/** True while `invitation` is the client's current one, still `pending`, and the client still waits on it (`invited`). */
export function isOpenInvitation(client: Client, invitation: Invitation): boolean {
  return client.id === invitation.clientId && client.invitation.id === invitation.id && invitation.status === 'pending' && client.status === 'invited';
}

/**
 * Throws `invitation_closed` unless the invitation is still open for the client: what a request
 * meets when another answer, a cancel, a resend's reinvite or the expiry job got there first (its
 * reads of the invitation and of the client may straddle that write). So a lost race answers the
 * invitation's state, never the state machines' internal refusal of the transition.
 */
export function assertInvitationOpen(client: Client, invitation: Invitation): void {
  if (isOpenInvitation(client, invitation)) return;
  const status = client.invitation.id === invitation.id && invitation.status === 'pending' ? client.invitation.status : invitation.status;
  throw new ConflictError('invitation_closed', status === 'pending' ? 'This invitation is no longer valid' : `This invitation was already ${status}`, { status });
}

/** A resend: the same invitation with a new token (the old one stops working) and a new expiry, capped at 30 days from its first issue. */
export function renewInvitation(client: Client, invitation: Invitation, tokenHash: string, context: ChangeContext): ClientChange {
  assertInvitationOpen(client, invitation);
  const moved = advanceClient(client, 'resend', context.at);
  const renewed: Invitation = {
    ...invitation,
    status: nextInvitationStatus(invitation.status, 'renew'),
    expiresAt: invitationExpiry(context.at, invitation.createdAt),
    tokenHash,
    version: invitation.version + 1,
  };
  const after: Client = { ...moved, invitation: { ...client.invitation, status: renewed.status, expiresAt: renewed.expiresAt, mail: 'pending' } };
  return { before: client, after, invitation: { before: invitation, after: renewed }, audit: audit(client, after, 'resend', context) };
}

/**
 * Closes the client's current invitation for good, moving the client accordingly. `bind` names the
 * cloud account of the owner who accepts an invitation sent without one (and the partner's earlier,
 * closed record of that account, if any, whose place it takes).
 */
export function closeInvitation(
  client: Client,
  invitation: Invitation,
  action: 'accept' | 'decline' | 'cancel' | 'expire',
  context: ChangeContext,
  bind?: AccountBinding,
): ClientChange {
  assertInvitationOpen(client, invitation);
  const accountId = client.accountId ?? bind?.accountId;
  const moved = advanceClient(client, action, context.at, { ...(accountId && { accountId }), ...(action === 'accept' && { servedSince: context.at }) });
  const closed: Invitation = {
    ...invitation,
    ...(accountId && { accountId }),
    status: nextInvitationStatus(invitation.status, action),
    closedAt: context.at,
    closingAuditId: context.auditId,
    version: invitation.version + 1,
  };
  const after: Client = { ...moved, invitation: { ...client.invitation, status: closed.status } };
  return {
    before: client,
    after,
    invitation: { before: invitation, after: closed },
    audit: audit(client, after, action, context),
    ...(bind && !client.accountId && { boundAccount: { replaces: bind.replaces } }),
  };
}

/** The cloud account an identifier-less invitation is accepted with. */
export interface AccountBinding {
  readonly accountId: string;
  /** The partner's earlier record of that account (closed or detached), which the accepted client replaces. */
  readonly replaces?: string;
}
