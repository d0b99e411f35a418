import type { Mail } from '../../ports/Mailer';
import type { ApplicationNotice, PartnerApplication } from './PartnerApplication';
import { toMoscowText } from '../moscowTime';

/** Addresses the notices mention or go to. */
export interface NoticeSettings {
  /** The partner department's shared inbox (escalations go there). */
  readonly departmentEmail: string;
  /** Where applicants are sent when nobody called them. */
  readonly supportEmail: string;
}

/**
 * The mails owed for a notice about an application. Applicant data is never put in a subject line,
 * and the mails that go out without a manager having read the form (received, escalated) carry none
 * of the text the applicant typed: anyone can type any address into the public form, so those mails
 * must say nothing a spammer could choose.
 */
export function noticeMails(notice: ApplicationNotice, application: PartnerApplication, settings: NoticeSettings): Mail[] {
  const greeting = `Hello ${application.name},`;
  switch (notice) {
    case 'received':
      return [{
        to: application.email,
        subject: 'We received your partner application',
        text: 'Hello,\n\nThank you for applying to the partner program.\n' +
          `A manager of the partner department will contact you within 48 hours.\n\nApplication: ${application.id}\n\n` +
          'If you did not send this application, ignore this mail.',
      }];
    case 'escalated':
      return [
        {
          to: settings.departmentEmail,
          subject: `Escalation: partner application ${application.id} not contacted within 48 hours`,
          text: `Application ${application.id} from ${application.company} was submitted at ${toMoscowText(application.createdAt)} ` +
            `and nobody has contacted the applicant. Please contact them now.`,
        },
        {
          to: application.email,
          subject: 'Your partner application: please contact support',
          text: `Hello,\n\nWe are sorry: no manager has contacted you within 48 hours as promised.\n` +
            `Please write to ${settings.supportEmail} and quote application ${application.id}; we will make it right.`,
        },
      ];
    case 'approved':
      return [{
        to: application.email,
        subject: 'Welcome to the partner program',
        text: `${greeting}\n\nYour application for ${application.company} is approved. Your partner account is bound to ` +
          `${application.email}: sign in to the partner console with this address.`,
      }];
    case 'rejected':
      return [{
        to: application.email,
        subject: 'Your partner application',
        text: `${greeting}\n\nThank you for your interest. We cannot accept the application for ${application.company} at this time.\n` +
          `Reason: ${application.rejectionReason ?? 'not given'}\n\nQuestions: ${settings.supportEmail}`,
      }];
  }
}
