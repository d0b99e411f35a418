import * as z from 'zod/mini';
import { CLIENT_STATUSES, type Client, isAttached } from '../../domain/clients/Client';
import { INVITATION_STATUSES, type Invitation } from '../../domain/clients/Invitation';
import { LANGUAGES } from '../../domain/Language';
import { attentionKey, clientKey, clientListKey, partnerAssigneeKey, partnerStatusKey } from './clientKeys';
import { INVITATION_QUEUES, invitationKey } from './invitationKeys';
import { isoDate, optionalIsoDate } from './storedDate';
import { optionalStoredText, storedNumber, storedText } from './storedFields';

/*
 * Client and invitation items <-> domain objects, for every adapter that reads or writes them: the
 * client queries, the change transaction, the batch store of block / unblock / delete.
 */

/** The stored shape of a client item. */
const clientItem = z.object({
  clientId: storedText,
  partnerId: storedText,
  accountId: optionalStoredText,
  email: storedText,
  name: optionalStoredText,
  phone: optionalStoredText,
  status: z.enum(CLIENT_STATUSES),
  createdAt: isoDate,
  updatedAt: isoDate,
  version: storedNumber,
  servedSince: optionalIsoDate,
  invitationId: storedText,
  invitationStatus: z.enum(INVITATION_STATUSES),
  invitationExpiresAt: isoDate,
  invitationMail: z.enum(['pending', 'sent', 'failed']),
  assignee: optionalStoredText,
});

/** The stored shape of an invitation item. */
const invitationItem = z.object({
  invitationId: storedText,
  clientId: storedText,
  partnerId: storedText,
  accountId: optionalStoredText,
  partnerName: storedText,
  /** Absent on invitations sent before languages: they were sent in English. */
  language: z._default(z.enum(LANGUAGES), 'en'),
  status: z.enum(INVITATION_STATUSES),
  createdAt: isoDate,
  expiresAt: isoDate,
  closedAt: optionalIsoDate,
  closingAuditId: optionalStoredText,
  tokenHash: storedText,
  version: storedNumber,
});

/** Parses a stored client item. */
export function toClient(item: Record<string, unknown>): Client {
  const parsed = clientItem.parse(item);
  return {
    id: parsed.clientId,
    partnerId: parsed.partnerId,
    accountId: parsed.accountId,
    email: parsed.email,
    name: parsed.name,
    phone: parsed.phone,
    status: parsed.status,
    createdAt: parsed.createdAt,
    updatedAt: parsed.updatedAt,
    version: parsed.version,
    ...(parsed.servedSince && { servedSince: parsed.servedSince }),
    ...(parsed.assignee && { assignee: parsed.assignee }),
    invitation: {
      id: parsed.invitationId,
      status: parsed.invitationStatus,
      expiresAt: parsed.invitationExpiresAt,
      mail: parsed.invitationMail,
    },
  };
}

/** Parses a stored invitation item. */
export function toInvitation(item: Record<string, unknown>): Invitation {
  const { invitationId, closingAuditId, ...rest } = invitationItem.parse(item);
  return { id: invitationId, ...rest, ...(closingAuditId && { closingAuditId }) };
}

/** How an invitation may end that its partner is told of by mail (a cancellation is the partner's own doing). */
const TOLD_TO_PARTNER: ReadonlySet<string> = new Set(['accepted', 'declined', 'expired']);

/** The stored item of a client, with its index attributes (a detached client leaves the listing indexes; only a pending invitation is in `byAttention`). */
export function clientToItem(client: Client): Record<string, unknown> {
  return {
    ...clientKey(client.partnerId, client.id),
    ...(isAttached(client.status) && {
      clientsOf: client.partnerId,
      clientsOfStatus: partnerStatusKey(client.partnerId, client.status),
      ...(client.assignee && { clientsOfAssignee: partnerAssigneeKey(client.partnerId, client.assignee) }),
    }),
    ...(client.status === 'invited' && client.invitation.status === 'pending' && {
      attentionOf: client.partnerId,
      attentionKey: attentionKey(client.invitation.mail, client.invitation.expiresAt),
    }),
    listKey: clientListKey(client.createdAt, client.id),
    clientId: client.id,
    partnerId: client.partnerId,
    accountId: client.accountId,
    email: client.email,
    name: client.name,
    phone: client.phone,
    status: client.status,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    version: client.version,
    servedSince: client.servedSince?.toISOString(),
    invitationId: client.invitation.id,
    invitationStatus: client.invitation.status,
    invitationExpiresAt: client.invitation.expiresAt.toISOString(),
    invitationMail: client.invitation.mail,
    assignee: client.assignee,
  };
}

/**
 * The stored item of an invitation. Its place in the sparse `due` index follows from its status:
 * pending ones wait for their expiry; accepted, declined and expired ones wait until the partner
 * is told (written in the transaction that closes them, so a notice is never lost: no dual write).
 */
export function invitationToItem(invitation: Invitation): Record<string, unknown> {
  const due =
    invitation.status === 'pending'
      ? { dueQueue: INVITATION_QUEUES.expire, dueAt: invitation.expiresAt.toISOString() }
      : TOLD_TO_PARTNER.has(invitation.status)
        ? { dueQueue: INVITATION_QUEUES.notifyPartner, dueAt: (invitation.closedAt ?? invitation.expiresAt).toISOString() }
        : {};
  return {
    ...invitationKey(invitation.id),
    ...due,
    invitationId: invitation.id,
    clientId: invitation.clientId,
    partnerId: invitation.partnerId,
    accountId: invitation.accountId,
    partnerName: invitation.partnerName,
    language: invitation.language,
    status: invitation.status,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    closedAt: invitation.closedAt?.toISOString(),
    closingAuditId: invitation.closingAuditId,
    tokenHash: invitation.tokenHash,
    version: invitation.version,
  };
}
