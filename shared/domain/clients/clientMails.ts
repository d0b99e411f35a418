import type { Mail } from '../../ports/Mailer';
import { toMoscowText } from '../moscowTime';
import type { Client } from './Client';
import type { Invitation } from './Invitation';

/** The invitation link of a token. */
export function invitationLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/invitations/${token}`;
}

/** What accepting an invitation means, in the invitee's words (mail and invitation page say the same). */
export const ACCEPTING_MEANS =
  'The partner will see the balance and the expenses of your cloud account and may block your login or detach your account. ' +
  'Your account, its resources and your data stay yours; you keep paying for them as before.';

/** The invitation mail to the client: who invites, what accepting means, the link and until when it works. */
export function invitationMail(client: Client, partnerName: string, link: string): Mail {
  return {
    to: client.email,
    subject: `${partnerName} invites you to their partner account`,
    text:
      `Hello${client.name ? ` ${client.name}` : ''},\n\n` +
      (client.accountId
        ? `${partnerName} invites your cloud account ${client.accountId} to become their client in the partner program.\n\n`
        : `${partnerName} invites you to become their client in the partner program. If you have no cloud account yet, ` +
          'you can sign up for one when you open the link.\n\n') +
      `${ACCEPTING_MEANS}\n\n` +
      'To accept or decline, open the link and sign in to the cloud console as the owner of the account ' +
      `(only the owner can answer):\n${link}\n\n` +
      `The link works once and until ${toMoscowText(client.invitation.expiresAt)}. ` +
      'If you did not expect this mail, simply ignore it.',
  };
}

/** Tells the partner that an invitation expired unanswered and that the client may be invited again. */
export function invitationExpiredMail(partnerEmail: string, client: Client, invitation: Invitation): Mail {
  return {
    to: partnerEmail,
    subject: 'An invitation to your client expired',
    text:
      `The invitation sent to ${client.email}${client.accountId ? ` for cloud account ${client.accountId}` : ''} (client ${client.id}) ` +
      `expired on ${toMoscowText(invitation.expiresAt)} without an answer.\n\n` +
      'You can invite the client again by adding it once more.',
  };
}
