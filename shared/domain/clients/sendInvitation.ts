import type { Client } from './Client';
import type { ClientDeps } from './ClientDeps';
import { invitationLink, invitationMail } from './clientMails';

/**
 * Mails the invitation link and records whether the mail went out. A failed send keeps the client
 * (it is already stored) with `mail: 'failed'`, so the partner sees it and can resend.
 */
export async function sendInvitation(
  deps: Pick<ClientDeps, 'clients' | 'mailer' | 'publicBaseUrl'>,
  client: Client,
  partnerName: string,
  token: string,
): Promise<Client> {
  let delivered: boolean;
  try {
    await deps.mailer.send(invitationMail(client, partnerName, invitationLink(deps.publicBaseUrl, token)));
    delivered = true;
  } catch {
    delivered = false;
  }
  return deps.clients.recordMailDelivery(client, delivered ? 'sent' : 'failed');
}
