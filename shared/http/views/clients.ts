/** How the API shows a client, an invitation and an audit entry (times in ISO-8601 UTC). */
import type * as z from 'zod/mini';
import type { AuditEntry } from '../../domain/audit/AuditEntry';
import { type Client, isAttached } from '../../domain/clients/Client';
import { type ClientNames, clientNameView } from '../clientNames';
import type { WithBalance } from '../../domain/balances/withBalances';
import { ACCEPTING_MEANS } from '../../domain/clients/clientMails';
import type { InvitationView } from '../../domain/clients/answerInvitation';
import type { ClientNeedingAttention } from '../../domain/clients/clientAttention';
import type { auditEntryView, clientAttentionView, clientSummaryView, clientView, invitationView, listedClientView } from '../docs/clients';
import type { ClientCounts } from '../../ports/ClientIndex';

/** Renders a client for its partner (never a detached one: the use cases answer 404 for it). */
export function toClientView(client: Client): z.infer<typeof clientView> {
  const { status } = client;
  if (!isAttached(status)) throw new Error(`client ${client.id} is detached and must not be shown to its partner`);
  return {
    id: client.id,
    accountId: client.accountId ?? null,
    email: client.email,
    name: client.name,
    phone: client.phone,
    status,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    invitation: {
      id: client.invitation.id,
      status: client.invitation.status,
      expiresAt: client.invitation.expiresAt.toISOString(),
      mail: client.invitation.mail,
    },
  };
}

/** Renders a listed client with its balance. */
export function toListedClientView({ client, balance }: WithBalance<Client>): z.infer<typeof listedClientView> {
  return { ...toClientView(client), balance };
}

/** Renders an invitation for the invitee. */
export function toInvitationView(view: InvitationView): z.infer<typeof invitationView> {
  return {
    partnerName: view.partnerName,
    accountId: view.accountId ?? null,
    status: view.status,
    expiresAt: view.expiresAt.toISOString(),
    acceptingMeans: ACCEPTING_MEANS,
  };
}

/** Renders an audit entry. */
export function toAuditEntryView(entry: AuditEntry, clients: ClientNames): z.infer<typeof auditEntryView> {
  return {
    id: entry.id,
    clientId: entry.clientId,
    at: entry.at.toISOString(),
    actor: { kind: entry.actor.kind, id: entry.actor.id, email: entry.actor.email ?? null },
    action: entry.action,
    before: entry.before,
    after: entry.after,
    ...('changes' in entry && entry.changes && { changes: entry.changes.map(({ field, before, after }) => ({ field, before, after })) }),
    client: clientNameView(clients, entry.clientId),
  };
}

/** Renders a partner's counts per status: the statuses it can see (a deleted client is no longer its client). */
export function toClientSummaryView(counts: ClientCounts): z.infer<typeof clientSummaryView> {
  const { invited, active, blocked, declined, cancelled, expired } = counts;
  return { counts: { invited, active, blocked, declined, cancelled, expired }, total: invited + active + blocked + declined + cancelled + expired };
}

/** Renders the "needs attention" view. */
export function toClientAttentionView(view: { items: readonly ClientNeedingAttention[]; truncated: boolean }): z.infer<typeof clientAttentionView> {
  return { items: view.items.map((each) => ({ ...toListedClientView(each), reasons: [...each.reasons] })), truncated: view.truncated };
}
