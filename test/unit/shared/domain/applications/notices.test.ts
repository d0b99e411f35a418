import type { PartnerApplication } from '../../../../../shared/domain/applications/PartnerApplication';
import { noticeMails } from '../../../../../shared/domain/applications/notices';
import { DEFAULT_MAIL_SETTINGS } from '../../../../../shared/domain/mails/MailSettings';
import { formFingerprint } from '../../../../../shared/domain/applications/submitApplication';

const application: PartnerApplication = {
  id: 'app_1',
  status: 'escalated',
  name: 'Ann Lee',
  email: 'ann@example.com',
  phone: '+74950000000',
  company: 'Lee IT',
  message: 'We resell cloud',
  language: 'en',
  createdAt: new Date('2026-03-01T10:00:00Z'),
  updatedAt: new Date('2026-03-03T10:00:00Z'),
  contactDueAt: new Date('2026-03-03T10:00:00Z'),
};
const settings = { ...DEFAULT_MAIL_SETTINGS, departmentEmail: 'dept@example.com', supportEmail: 'support@example.com' };

describe('noticeMails', () => {
  it('tells the applicant a manager calls within 48 hours when the form is received', () => {
    const [mail, ...rest] = noticeMails('received', application, settings);
    expect(rest).toHaveLength(0);
    expect(mail?.to).toBe('ann@example.com');
    expect(mail?.text).toContain('within 48 hours');
  });

  it('escalates to the department and sends the applicant to support', () => {
    const mails = noticeMails('escalated', application, settings);
    expect(mails.map((mail) => mail.to)).toEqual(['dept@example.com', 'ann@example.com']);
    expect(mails[0]?.text).toContain('app_1');
    expect(mails[0]?.text).toContain('Отправлена: 1 марта 2026 г., 13:00 по Москве (UTC+03:00)');
    expect(mails[1]?.text).toContain('support@example.com');
  });

  it('never puts the applicant e-mail address in a subject line', () => {
    for (const notice of ['received', 'escalated', 'approved', 'rejected'] as const) {
      for (const mail of noticeMails(notice, application, settings)) expect(mail.subject).not.toContain('ann@example.com');
    }
  });

  it('echoes nothing the applicant typed in the mails no manager has read the form for (received, escalated)', () => {
    const spam = { ...application, name: 'Cheap pills at spam.example', company: 'Buy now spam.example', message: 'spam.example' };
    const unread = [...noticeMails('received', spam, settings), ...noticeMails('escalated', spam, settings).filter((mail) => mail.to === spam.email)];
    expect(unread).toHaveLength(2);
    for (const mail of unread) expect(`${mail.subject}\n${mail.text}`).not.toContain('spam.example');
  });

  it('quotes the rejection reason', () => {
    const [mail] = noticeMails('rejected', { ...application, rejectionReason: 'Not a reseller' }, settings);
    expect(mail?.text).toContain('Not a reseller');
  });
});

describe('formFingerprint', () => {
  const form = { name: 'Ann Lee', email: 'ann@example.com', phone: '+74950000000', company: 'Lee IT', message: 'We resell cloud' };

  it('ignores e-mail case and extra white space', () => {
    expect(formFingerprint({ ...form, email: 'ANN@example.com', message: ' We  resell cloud ' })).toBe(formFingerprint(form));
  });

  it('differs when any field differs', () => {
    for (const field of Object.keys(form) as Array<keyof typeof form>) {
      expect(formFingerprint({ ...form, [field]: `${form[field]}x` })).not.toBe(formFingerprint(form));
    }
  });
});
