import type { Client } from './Client';
import type { ClientDeps } from './ClientDeps';
import { invitationLink, invitationMailTo } from './clientMails';
import type { Invitation } from './Invitation';

/**
 * Mails the invitation link, in the invitation's language, and records whether the mail went out.
 * A failed send keeps the client (it is already stored) with `mail: 'failed'`, so the partner sees
 * it and can resend.
 */
export async function sendInvitation(
  deps: Pick<ClientDeps, 'clients' | 'mailer' | 'publicBaseUrl' | 'mail'>,
  client: Client,
  invitation: Pick<Invitation, 'partnerName' | 'language'>,
  token: string,
): Promise<Client> {
  let delivered: boolean;
  try {
    await deps.mailer.send(invitationMailTo(client, invitation, invitationLink(deps.publicBaseUrl, token), deps.mail));
    delivered = true;
  } catch {
    delivered = false;
  }
  return deps.clients.recordMailDelivery(client, delivered ? 'sent' : 'failed');
}
