import type { Mail } from '../../ports/Mailer';
import type { Language } from '../Language';
import { consoleAddress, facts, type MailTemplate, words } from '../mails/mailContent';
import type { MailSettings } from '../mails/MailSettings';
import { renderMail } from '../mails/renderMail';
import { moscowTimeWords } from '../moscowTime';
import type { Client } from './Client';
import type { Invitation } from './Invitation';

/** The invitation link of a token, in the console of the invitation's language when one is given. */
export function invitationLink(publicBaseUrl: string, token: string, language?: Language): string {
  const path = `/invitations/${token}`;
  return language ? consoleAddress(publicBaseUrl, language, path) : `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
}

/** What accepting an invitation means, in the invitee's words (mail and invitation page say the same). */
export const ACCEPTING_MEANS =
  'The partner will see the balance and the expenses of your cloud account and may block your login or detach your account. ' +
  'Your account, its resources and your data stay yours; you keep paying for them as before.';

/** What the invitation mail inserts. The partner's name comes after the first line, never in the subject (the partner typed it). */
export interface InvitationValues {
  readonly partnerName: string;
  readonly accountId?: string;
  readonly link: string;
  /** Until when the link works, in the mail's language. */
  readonly expiresAt: string;
}

/** The invitation mail to the client: who invites, what accepting means, the link and until when it works. */
export const invitationMail: MailTemplate<InvitationValues> = {
  ru: ({ partnerName, accountId, link, expiresAt }, { cloudName }) => ({
    subject: `Приглашение стать клиентом партнёра ${cloudName}`,
    blocks: [
      { p: ['Здравствуйте!'] },
      { p: accountId
        ? words`Партнёр ${cloudName} приглашает ваш облачный аккаунт стать его клиентом в партнёрской программе.`
        : words`Партнёр ${cloudName} приглашает вас стать его клиентом в партнёрской программе.` },
      facts(['Партнёр', partnerName], ['Облачный аккаунт', accountId], ['Ссылка действует до', expiresAt]),
      { p: ['Партнёр будет видеть баланс и расходы вашего облачного аккаунта и сможет заблокировать вход в консоль или отвязать аккаунт. ' +
        'Аккаунт, его ресурсы и данные остаются вашими; вы оплачиваете их, как и прежде.'] },
      ...(accountId ? [] : [{ p: ['Если у вас ещё нет облачного аккаунта, вы сможете зарегистрироваться, открыв ссылку.'] }]),
      { p: ['Чтобы принять или отклонить приглашение, откройте ссылку и войдите в облачную консоль как владелец аккаунта (ответить может только владелец).'] },
      { action: 'Открыть приглашение', href: link },
      { small: ['Ссылка сработает один раз. Если вы не ждали этого письма, просто проигнорируйте его.'] },
    ],
  }),
  en: ({ partnerName, accountId, link, expiresAt }, { cloudName }) => ({
    subject: `Invitation to become a client of a ${cloudName} partner`,
    blocks: [
      { p: ['Hello,'] },
      { p: accountId
        ? words`A partner of ${cloudName} invites your cloud account to become its client in the partner program.`
        : words`A partner of ${cloudName} invites you to become its client in the partner program.` },
      facts(['Partner', partnerName], ['Cloud account', accountId], ['Link valid until', expiresAt]),
      { p: [ACCEPTING_MEANS] },
      ...(accountId ? [] : [{ p: ['If you have no cloud account yet, you can sign up for one when you open the link.'] }]),
      { p: ['To accept or decline, open the link and sign in to the cloud console as the owner of the account (only the owner can answer).'] },
      { action: 'Open the invitation', href: link },
      { small: ['The link works once. If you did not expect this mail, simply ignore it.'] },
    ],
  }),
};

/** The invitation mail of a client's current invitation, in the invitation's language. */
export function invitationMailTo(client: Client, invitation: Pick<Invitation, 'partnerName' | 'language'>, link: string, settings: MailSettings): Mail {
  const { language } = invitation;
  const values = { partnerName: invitation.partnerName, accountId: client.accountId, link, expiresAt: moscowTimeWords(client.invitation.expiresAt, language) };
  return renderMail(client.email, language, invitationMail[language](values, settings), settings);
}
