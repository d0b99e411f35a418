import { NotFoundError } from '../errors';
import type { ClientLookup, ClientRef, ClientStatus } from '../../ports/ClientLookup';

/** Clients whose money a partner sees: those it serves now, blocked or not. */
const VISIBLE_STATUSES: ReadonlySet<ClientStatus> = new Set(['active', 'blocked']);

/**
 * The partner's own active or blocked client, whose cloud account's balance the partner may see.
 * Anything else (no such client, another partner's, only invited, detached) is "not found".
 */
export async function visibleClientAccount(clients: ClientLookup, partnerId: string, clientId: string): Promise<ClientRef> {
  const client = await clients.findForPartner(partnerId, clientId);
  if (!client || client.partnerId !== partnerId || !VISIBLE_STATUSES.has(client.status)) {
    throw new NotFoundError('Client', { clientId });
  }
  return client;
}
