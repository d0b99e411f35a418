/** Every kind of mail the system sends, rendered through the functions that send it, for the template tests and screenshots. */
import type { PartnerApplication } from '../../shared/domain/applications/PartnerApplication';
import { applicationEscalatedDepartmentMail, type NoticeSettings, noticeMails } from '../../shared/domain/applications/notices';
import type { Client } from '../../shared/domain/clients/Client';
import { invitationLink, invitationMailTo } from '../../shared/domain/clients/clientMails';
import { partnerNoticeMail } from '../../shared/domain/clients/partnerNoticeMails';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/domain/Language';
import { consoleAddress } from '../../shared/domain/mails/mailContent';
import { renderMail } from '../../shared/domain/mails/renderMail';
import { moscowTimeWords } from '../../shared/domain/moscowTime';
import type { Mail } from '../../shared/ports/Mailer';
import { money } from '../../shared/domain/Money';
import type { SpendAlert } from '../../shared/domain/spend/SpendAlert';
import { spendAlertMail } from '../../shared/domain/spend/spendAlertMail';
import { endpointDisabledMail } from '../../shared/domain/webhooks/endpointDisabledMail';

/** Every kind of mail, by the name its screenshot and test carry. */
export const MAIL_KINDS = [
  'application-received',
  'application-escalated-department',
  'application-escalated-applicant',
  'application-approved',
  'application-rejected',
  'invitation',
  'invitation-accepted',
  'invitation-declined',
  'invitation-expired',
  'spend-alert',
  'webhook-endpoint-disabled',
] as const;

/** A kind of mail. */
export type MailKind = (typeof MAIL_KINDS)[number];

/** The console origin the sample mails link to. */
export const SAMPLE_CONSOLE = 'https://partners.example.com';

/** Settings of the sample cloud. */
export const SAMPLE_SETTINGS: NoticeSettings = {
  cloudName: 'Example Cloud',
  brandColor: '#1d4ed8',
  supportEmail: 'support@cloud.example',
  departmentEmail: 'partners@cloud.example',
  consoleUrl: SAMPLE_CONSOLE,
};

/** The invitation token of the sample invitation mails. */
export const SAMPLE_TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDE';

/** What people typed, put into every sample: names, companies, reasons, e-mails. */
export interface Typed {
  readonly name: string;
  readonly company: string;
  readonly email: string;
}

const SUBMITTED = new Date('2026-12-01T09:15:00Z');

function application(language: Language, typed: Typed): PartnerApplication {
  return {
    id: 'app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f',
    status: 'approved',
    name: typed.name,
    email: typed.email,
    phone: '+74950000000',
    company: typed.company,
    message: `We resell cloud. ${typed.name}`,
    language,
    createdAt: SUBMITTED,
    updatedAt: SUBMITTED,
    contactDueAt: new Date(SUBMITTED.getTime() + 48 * 3600_000),
    rejectionReason: `Not a reseller: ${typed.company}`,
  };
}

function client(typed: Typed, accountId: string | undefined): Client {
  return {
    id: 'cli_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
    partnerId: 'ptn_1',
    accountId,
    email: typed.email,
    name: typed.name,
    status: 'invited',
    createdAt: SUBMITTED,
    updatedAt: SUBMITTED,
    version: 1,
    invitation: { id: 'inv_1', status: 'pending', expiresAt: new Date('2026-12-08T09:15:00Z'), mail: 'pending' },
  };
}

/** A threshold alert of a sample client: 80 % of its monthly budget reached. */
const SAMPLE_SPEND_ALERT = {
  partnerId: 'ptn_1', clientId: 'cli_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d', month: '2026-12', kind: 'threshold', key: 'threshold:actual:80',
  facts: { threshold: { percent: 80, basis: 'actual' }, budget: money(10_000_000, 'RUB'), spend: money(8_000_050, 'RUB') },
} as unknown as SpendAlert;

/** The link the sample invitation mail of a language carries. */
export function sampleInvitationLink(language: Language): string {
  return invitationLink(SAMPLE_CONSOLE, SAMPLE_TOKEN, language);
}

/** One mail of a kind in a language, with `typed` wherever a person's text goes in. */
export function sampleMail(kind: MailKind, language: Language, typed: Typed, settings: NoticeSettings = SAMPLE_SETTINGS): Mail {
  const applied = application(language, typed);
  const partner = { email: 'partner@lee-it.example', language };
  const answeredAt = new Date('2026-12-03T12:30:00Z');
  const pick = (mails: Mail[], to: string): Mail => {
    const found = mails.find((mail) => mail.to === to);
    if (!found) throw new Error(`no ${kind} mail to ${to}`);
    return found;
  };
  switch (kind) {
    case 'application-received':
      return pick(noticeMails('received', applied, settings), applied.email);
    case 'application-escalated-department':
      // The department's shared inbox reads the default language (what `noticeMails` sends); the template exists in each.
      return language === DEFAULT_LANGUAGE
        ? pick(noticeMails('escalated', applied, settings), settings.departmentEmail)
        : renderMail(settings.departmentEmail, language, applicationEscalatedDepartmentMail[language]({
          application: applied,
          submittedAt: moscowTimeWords(applied.createdAt, language),
          link: consoleAddress(SAMPLE_CONSOLE, language, `/applications/${applied.id}`),
        }, settings), settings);
    case 'application-escalated-applicant':
      return pick(noticeMails('escalated', applied, settings), applied.email);
    case 'application-approved':
      return pick(noticeMails('approved', applied, settings), applied.email);
    case 'application-rejected':
      return pick(noticeMails('rejected', applied, settings), applied.email);
    case 'invitation':
      return invitationMailTo(client(typed, 'acc-7f3k9q2m4x8b1n5c6v0z'), { partnerName: typed.company, language }, sampleInvitationLink(language), settings);
    case 'invitation-accepted':
      return partnerNoticeMail(partner, 'accepted', client(typed, 'acc-7f3k9q2m4x8b1n5c6v0z'), answeredAt, SAMPLE_CONSOLE, settings);
    case 'invitation-declined':
      return partnerNoticeMail(partner, 'declined', client(typed, undefined), answeredAt, SAMPLE_CONSOLE, settings);
    case 'invitation-expired':
      return partnerNoticeMail(partner, 'expired', client(typed, undefined), answeredAt, SAMPLE_CONSOLE, settings);
    case 'spend-alert':
      // A spend alert names the client by id and amounts only: nothing a person typed goes in.
      return spendAlertMail(partner.email, SAMPLE_SPEND_ALERT, language, settings);
    case 'webhook-endpoint-disabled':
      // The URL is what the partner typed.
      return endpointDisabledMail(partner, {
        endpointId: 'whe_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f', url: `https://crm.lee-it.example/hooks?from=${typed.company}`, failingSince: SUBMITTED,
      }, { responseStatus: 503 }, SAMPLE_CONSOLE, settings);
  }
}
