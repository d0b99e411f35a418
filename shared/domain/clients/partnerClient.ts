import { NotFoundError } from '../errors';
import type { ClientRepository } from '../../ports/ClientRepository';
import type { Client } from './Client';
import type { Invitation } from './Invitation';

/** The partner's client with its current invitation; not found for another partner's (or no) client. */
export async function partnerClient(
  clients: ClientRepository,
  partnerId: string,
  clientId: string,
): Promise<{ client: Client; invitation: Invitation }> {
  const client = await clients.get(partnerId, clientId);
  if (!client) throw new NotFoundError('Client', { clientId });
  const invitation = await clients.getInvitation(client.invitation.id);
  if (!invitation) throw new NotFoundError('Invitation', { clientId });
  return { client, invitation };
}
