import type { Mail } from '../../ports/Mailer';
import type { Language } from '../Language';
import { type Block, consoleAddress, facts, type MailContent, type MailTemplate, type Words, words } from '../mails/mailContent';
import type { MailSettings } from '../mails/MailSettings';
import { renderMail } from '../mails/renderMail';
import { moscowTimeWords } from '../moscowTime';
import type { Client } from './Client';

/*
 * The mails that tell a partner how one of its invitations ended, apart from the invitation mail
 * (`clientMails.ts`): the routes that invite bundle neither these templates nor the other way round.
 */

/** How an invitation ended, as its partner is told. */
export type InvitationOutcome = 'accepted' | 'declined' | 'expired';

/** What a mail to the partner about one of its invitations inserts. */
export interface PartnerNoticeValues {
  readonly client: Pick<Client, 'id' | 'email' | 'name' | 'accountId'>;
  /** When it was answered or expired, in the mail's language. */
  readonly at: string;
  /** The partner's clients in the console. */
  readonly link: string;
}

/** The facts about the client every partner notice lists. */
function clientFacts(language: Language, { client }: PartnerNoticeValues): Block {
  const labels = language === 'ru' ? ['Клиент', 'Эл. почта', 'Облачный аккаунт', 'ID клиента'] : ['Client', 'E-mail', 'Cloud account', 'Client id'];
  return facts([labels[0] as string, client.name], [labels[1] as string, client.email], [labels[2] as string, client.accountId], [labels[3] as string, client.id]);
}

/** A partner notice: its subject, what happened, what the partner may do next, the client and the link to the clients. */
function partnerNotice(
  language: Language,
  subject: string,
  happened: (values: PartnerNoticeValues) => Words,
  next: string,
): (values: PartnerNoticeValues) => MailContent {
  return (values) => ({
    subject,
    blocks: [
      { p: [language === 'ru' ? 'Здравствуйте!' : 'Hello,'] },
      { p: happened(values) },
      clientFacts(language, values),
      { p: [next] },
      { action: language === 'ru' ? 'Открыть клиентов' : 'Open your clients', href: values.link },
    ],
  });
}

/** Tells the partner that its client accepted: the client is active. */
export const invitationAcceptedMail: MailTemplate<PartnerNoticeValues> = {
  ru: partnerNotice('ru', 'Клиент принял приглашение', ({ client, at }) => words`Приглашение, отправленное на ${client.email}, принято ${at}.`,
    'Клиент активен: вам доступны его баланс и расходы.'),
  en: partnerNotice('en', 'Your client accepted the invitation', ({ client, at }) => words`The invitation you sent to ${client.email} was accepted on ${at}.`,
    'The client is active: you can see its balance and expenses.'),
};

/** Tells the partner that its client declined: the account may be invited again. */
export const invitationDeclinedMail: MailTemplate<PartnerNoticeValues> = {
  ru: partnerNotice('ru', 'Клиент отклонил приглашение', ({ client, at }) => words`Приглашение, отправленное на ${client.email}, отклонено ${at}.`,
    'Позже клиента можно пригласить снова, добавив его ещё раз.'),
  en: partnerNotice('en', 'Your client declined the invitation', ({ client, at }) => words`The invitation you sent to ${client.email} was declined on ${at}.`,
    'You can invite the client again later by adding it once more.'),
};

/** Tells the partner that an invitation expired unanswered and that the client may be invited again. */
export const invitationExpiredMail: MailTemplate<PartnerNoticeValues> = {
  ru: partnerNotice('ru', 'Срок приглашения клиента истёк', ({ client, at }) => words`Приглашение, отправленное на ${client.email}, истекло ${at} без ответа.`,
    'Клиента можно пригласить снова, добавив его ещё раз.'),
  en: partnerNotice('en', 'An invitation to your client expired', ({ client, at }) => words`The invitation you sent to ${client.email} expired on ${at} without an answer.`,
    'You can invite the client again by adding it once more.'),
};

const PARTNER_NOTICES: Readonly<Record<InvitationOutcome, MailTemplate<PartnerNoticeValues>>> = {
  accepted: invitationAcceptedMail,
  declined: invitationDeclinedMail,
  expired: invitationExpiredMail,
};

/** The mail that tells a partner (in its language) how one of its invitations ended. */
export function partnerNoticeMail(
  partner: { readonly email: string; readonly language: Language },
  outcome: InvitationOutcome,
  client: Client,
  at: Date,
  consoleUrl: string,
  settings: MailSettings,
): Mail {
  const { language } = partner;
  const values = { client, at: moscowTimeWords(at, language), link: consoleAddress(consoleUrl, language, '/clients') };
  return renderMail(partner.email, language, PARTNER_NOTICES[outcome][language](values, settings), settings);
}
