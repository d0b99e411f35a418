import type { Mail } from '../../ports/Mailer';
import { toMoscowText } from '../moscowTime';
import type { PartnerRecord } from './Partner';
import type { PartnerAction } from './PartnerStanding';

/** What each action means for the partner, in its words. */
const MEANING: Readonly<Record<PartnerAction, { subject: string; text: string }>> = {
  suspend: {
    subject: 'Your partner account is suspended',
    text: 'Your people can no longer use the partner console or API until the partner department resumes the account. ' +
      'Your clients are not affected: their cloud accounts, sign-in and resources keep working, and invitations already sent can still be answered.',
  },
  resume: {
    subject: 'Your partner account is active again',
    text: 'Your people can use the partner console and API again.',
  },
  end: {
    subject: 'Your partnership has ended',
    text: 'Your clients are detached from your partner account (their cloud accounts and resources stay theirs), pending invitations are cancelled ' +
      'and your logins are closed.',
  },
};

/** The mail telling a partner that a manager suspended, resumed or ended its partnership, and why. */
export function partnerStandingMail(partner: PartnerRecord, action: PartnerAction, reason: string, at: Date): Mail {
  const meaning = MEANING[action];
  return {
    to: partner.email,
    subject: meaning.subject,
    text: `Hello ${partner.name},\n\n${meaning.subject} since ${toMoscowText(at)}.\n\n${meaning.text}\n\n` +
      `The partner department's reason:\n${reason}\n\nReply to this mail to reach the partner department.`,
  };
}
