import type { Mail } from '../../ports/Mailer';
import { DEFAULT_LANGUAGE, type Language } from '../Language';
import { consoleAddress, facts, type MailTemplate, words } from '../mails/mailContent';
import type { MailSettings } from '../mails/MailSettings';
import { renderMail } from '../mails/renderMail';
import { moscowTimeWords } from '../moscowTime';
import type { ApplicationNotice, PartnerApplication } from './PartnerApplication';

/** Addresses the notices mention or go to, and what every mail shows of the cloud. */
export interface NoticeSettings extends MailSettings {
  /** The partner department's shared inbox (escalations go there). */
  readonly departmentEmail: string;
  /** The web console's origin, for the links in mails (left out when not configured). */
  readonly consoleUrl?: string;
}

/** What the application mails insert. */
interface ApplicationValues {
  readonly application: PartnerApplication;
  /** The submission time in the mail's language. */
  readonly submittedAt: string;
  /** Where the mail sends its reader in the console, if anywhere. */
  readonly link?: string;
}

const hello = { ru: 'Здравствуйте!', en: 'Hello,' } as const;

/** To the applicant when the form arrives: nothing the applicant typed (anyone can type any address into the form). */
export const applicationReceivedMail: MailTemplate<ApplicationValues> = {
  ru: ({ application }, { cloudName }) => ({
    subject: `Мы получили вашу заявку в партнёрскую программу ${cloudName}`,
    blocks: [
      { p: [hello.ru] },
      { p: ['Спасибо за заявку в партнёрскую программу. Менеджер отдела по работе с партнёрами свяжется с вами в течение 48 часов.'] },
      facts(['Номер заявки', application.id]),
      { small: ['Если вы не отправляли эту заявку, просто проигнорируйте это письмо.'] },
    ],
  }),
  en: ({ application }, { cloudName }) => ({
    subject: `We received your application to the ${cloudName} partner program`,
    blocks: [
      { p: [hello.en] },
      { p: ['Thank you for applying to the partner program. A manager of the partner department will contact you within 48 hours.'] },
      facts(['Application', application.id]),
      { small: ['If you did not send this application, ignore this mail.'] },
    ],
  }),
};

/** To the department when nobody contacted an applicant within 48 hours. */
export const applicationEscalatedDepartmentMail: MailTemplate<ApplicationValues> = {
  ru: ({ application, submittedAt, link }) => ({
    subject: `Эскалация: с автором заявки ${application.id} не связались за 48 часов`,
    blocks: [
      { p: ['С автором этой заявки никто не связался в течение 48 часов. Пожалуйста, свяжитесь с ним сейчас.'] },
      facts(['Номер заявки', application.id], ['Компания', application.company], ['Отправлена', submittedAt]),
      ...(link ? [{ action: 'Открыть заявку', href: link }] : []),
    ],
  }),
  en: ({ application, submittedAt, link }) => ({
    subject: `Escalation: partner application ${application.id} not contacted within 48 hours`,
    blocks: [
      { p: ['Nobody has contacted the applicant of this application within 48 hours. Please contact them now.'] },
      facts(['Application', application.id], ['Company', application.company], ['Submitted', submittedAt]),
      ...(link ? [{ action: 'Open the application', href: link }] : []),
    ],
  }),
};

/** To the applicant when nobody called: an apology and where to write (still nothing the applicant typed). */
export const applicationEscalatedApplicantMail: MailTemplate<ApplicationValues> = {
  ru: ({ application }, { cloudName, supportEmail }) => ({
    subject: `Ваша заявка в партнёрскую программу ${cloudName}: напишите в поддержку`,
    blocks: [
      { p: [hello.ru] },
      { p: ['Приносим извинения: менеджер не связался с вами в течение 48 часов, как мы обещали.'] },
      { p: words`Пожалуйста, напишите на ${supportEmail} и укажите номер заявки ${application.id} — мы всё исправим.` },
    ],
  }),
  en: ({ application }, { cloudName, supportEmail }) => ({
    subject: `Your application to the ${cloudName} partner program: please contact support`,
    blocks: [
      { p: [hello.en] },
      { p: ['We are sorry: no manager has contacted you within 48 hours as promised.'] },
      { p: words`Please write to ${supportEmail} and quote application ${application.id}; we will make it right.` },
    ],
  }),
};

/** To the new partner on approval (a manager has read the form by then). */
export const applicationApprovedMail: MailTemplate<ApplicationValues> = {
  ru: ({ application, link }, { cloudName }) => ({
    subject: `Добро пожаловать в партнёрскую программу ${cloudName}`,
    blocks: [
      { p: words`Здравствуйте, ${application.name}!` },
      { p: words`Заявка компании ${application.company} одобрена.` },
      { p: words`Ваш партнёрский аккаунт привязан к адресу ${application.email}: входите в партнёрскую консоль с этим адресом.` },
      ...(link ? [{ action: 'Войти в партнёрскую консоль', href: link }] : []),
    ],
  }),
  en: ({ application, link }, { cloudName }) => ({
    subject: `Welcome to the ${cloudName} partner program`,
    blocks: [
      { p: words`Hello ${application.name},` },
      { p: words`Your application for ${application.company} is approved.` },
      { p: words`Your partner account is bound to ${application.email}: sign in to the partner console with this address.` },
      ...(link ? [{ action: 'Sign in to the partner console', href: link }] : []),
    ],
  }),
};

/** To the applicant on rejection, with the manager's reason. */
export const applicationRejectedMail: MailTemplate<ApplicationValues> = {
  ru: ({ application }, { cloudName, supportEmail }) => ({
    subject: `Ваша заявка в партнёрскую программу ${cloudName}`,
    blocks: [
      { p: words`Здравствуйте, ${application.name}!` },
      { p: words`Спасибо за интерес к программе. Сейчас мы не можем принять заявку компании ${application.company}.` },
      facts(['Причина', application.rejectionReason ?? 'не указана']),
      { p: words`Вопросы: ${supportEmail}` },
    ],
  }),
  en: ({ application }, { cloudName, supportEmail }) => ({
    subject: `Your application to the ${cloudName} partner program`,
    blocks: [
      { p: words`Hello ${application.name},` },
      { p: words`Thank you for your interest. We cannot accept the application for ${application.company} at this time.` },
      facts(['Reason', application.rejectionReason ?? 'not given']),
      { p: words`Questions: ${supportEmail}` },
    ],
  }),
};

/**
 * The mails owed for a notice about an application, each in its reader's language: the applicant's
 * is the language of the form; the department's shared inbox reads the cloud's default language.
 * Applicant data is never put in a subject line, and the mails that go out without a manager having
 * read the form (received, escalated) carry none of the text the applicant typed: anyone can type
 * any address into the public form, so those mails must say nothing a spammer could choose.
 */
export function noticeMails(notice: ApplicationNotice, application: PartnerApplication, settings: NoticeSettings): Mail[] {
  const mail = (to: string, language: Language, template: MailTemplate<ApplicationValues>, path?: string): Mail => {
    const values = { application, submittedAt: moscowTimeWords(application.createdAt, language), link: path && settings.consoleUrl && consoleAddress(settings.consoleUrl, language, path) };
    return renderMail(to, language, template[language](values, settings), settings);
  };
  const toApplicant = (template: MailTemplate<ApplicationValues>, path?: string): Mail => mail(application.email, application.language, template, path);
  switch (notice) {
    case 'received':
      return [toApplicant(applicationReceivedMail)];
    case 'escalated':
      return [
        mail(settings.departmentEmail, DEFAULT_LANGUAGE, applicationEscalatedDepartmentMail, `/applications/${application.id}`),
        toApplicant(applicationEscalatedApplicantMail),
      ];
    case 'approved':
      return [toApplicant(applicationApprovedMail, '/sign-in')];
    case 'rejected':
      return [toApplicant(applicationRejectedMail)];
  }
}
