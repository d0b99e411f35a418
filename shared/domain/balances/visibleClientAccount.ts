import { ConflictError, NotFoundError } from '../errors';
import type { ClientLookup } from '../../ports/ClientLookup';
import type { ClientStatus } from '../clients/Client';
import type { ClientRef } from '../clients/ClientRef';

/** Clients whose money a partner sees: those it serves now, blocked or not. */
const SERVED_STATUSES: ReadonlySet<ClientStatus> = new Set(['active', 'blocked']);

/** Whether a partner sees the balance of its client in this status (active or blocked). */
export function balanceShown(status: ClientStatus): boolean {
  return SERVED_STATUSES.has(status);
}

/**
 * The partner's own active or blocked client, whose cloud account's balance the partner may see.
 * No such client, another partner's or a detached one is "not found" (as everywhere); the
 * partner's own client that it lists but does not serve (invited, declined, cancelled, expired)
 * is a conflict, `client_not_active`, naming its status, so a console can say why instead of "not found".
 * The client comes with the instant the partner began serving it (the bound of what it may see).
 */
export async function visibleClientAccount(
  clients: ClientLookup,
  partnerId: string,
  clientId: string,
): Promise<ClientRef & { readonly accountId: string; readonly servedSince: Date }> {
  const client = await clients.findForPartner(partnerId, clientId);
  if (!client || client.partnerId !== partnerId || client.status === 'detached') {
    throw new NotFoundError('Client', { clientId });
  }
  if (!balanceShown(client.status) || !client.accountId) {
    throw new ConflictError(
      'client_not_active',
      `The balance of a client is shown once it has accepted the invitation; this client is '${client.status}'`,
      { clientId, status: client.status },
    );
  }
  const { servedSince } = client;
  // Served clients always have one; without it the period the partner may see is unknown, so nothing is shown.
  if (!servedSince) throw new Error(`client ${clientId} is ${client.status} but has no acceptance time`);
  return { ...client, accountId: client.accountId, servedSince };
}
