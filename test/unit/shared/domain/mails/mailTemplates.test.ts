import fc from 'fast-check';
import { invitationLink } from '../../../../../shared/domain/clients/clientMails';
import { LANGUAGES, type Language } from '../../../../../shared/domain/Language';
import { mailSettingsFromEnv } from '../../../../../shared/domain/mails/MailSettings';
import { renderMail } from '../../../../../shared/domain/mails/renderMail';
import { MAIL_KINDS, type MailKind, SAMPLE_CONSOLE, SAMPLE_SETTINGS, sampleInvitationLink, sampleMail, type Typed } from '../../../../support/mailSamples';

/** The reference escaping the renderer must apply exactly once to each inserted value. */
const escaped = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const ordinary: Typed = { name: 'Ivan Petrov', company: 'Lee IT', email: 'ivan@example.com' };
const cases = MAIL_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

/** Words each kind says in each language (its subject): the mail is in the language asked for. */
const SUBJECTS: Readonly<Record<MailKind, Readonly<Record<Language, string>>>> = {
  'application-received': { ru: 'Мы получили вашу заявку в партнёрскую программу Example Cloud', en: 'We received your application to the Example Cloud partner program' },
  'application-escalated-department': {
    ru: 'Эскалация: с автором заявки app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f не связались за 48 часов',
    en: 'Escalation: partner application app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f not contacted within 48 hours',
  },
  'application-escalated-applicant': {
    ru: 'Ваша заявка в партнёрскую программу Example Cloud: напишите в поддержку',
    en: 'Your application to the Example Cloud partner program: please contact support',
  },
  'application-approved': { ru: 'Добро пожаловать в партнёрскую программу Example Cloud', en: 'Welcome to the Example Cloud partner program' },
  'application-rejected': { ru: 'Ваша заявка в партнёрскую программу Example Cloud', en: 'Your application to the Example Cloud partner program' },
  invitation: { ru: 'Приглашение стать клиентом партнёра Example Cloud', en: 'Invitation to become a client of a Example Cloud partner' },
  'invitation-accepted': { ru: 'Клиент принял приглашение', en: 'Your client accepted the invitation' },
  'invitation-declined': { ru: 'Клиент отклонил приглашение', en: 'Your client declined the invitation' },
  'invitation-expired': { ru: 'Срок приглашения клиента истёк', en: 'An invitation to your client expired' },
  'webhook-endpoint-disabled': { ru: 'Вебхук отключён: доставки не проходят 24 часа', en: 'Webhook endpoint disabled after 24 hours of failed deliveries' },
  'spend-alert': {
    ru: 'Клиент cli_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d: расходы в этом месяце достигли 80 % бюджета 100\u00a0000,00\u00a0RUB',
    en: 'Client cli_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d: spend this month reached 80 % of its budget of 100\u00a0000.00\u00a0RUB',
  },
};

/** Where each kind's link (button) leads, if it has one. */
function expectedLink(kind: MailKind, language: Language): string | undefined {
  const links: Partial<Record<MailKind, string>> = {
    'application-escalated-department': `${SAMPLE_CONSOLE}/${language}/applications/app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f`,
    'application-approved': `${SAMPLE_CONSOLE}/${language}/sign-in`,
    invitation: sampleInvitationLink(language),
    'invitation-accepted': `${SAMPLE_CONSOLE}/${language}/clients`,
    'invitation-declined': `${SAMPLE_CONSOLE}/${language}/clients`,
    'invitation-expired': `${SAMPLE_CONSOLE}/${language}/clients`,
    'webhook-endpoint-disabled': `${SAMPLE_CONSOLE}/${language}/webhooks`,
  };
  return links[kind];
}

describe('mail templates', () => {
  describe.each(cases)('%s in %s', (kind, language) => {
    const mail = sampleMail(kind, language, ordinary);

    it('is in the language asked for, with a text part and an HTML part', () => {
      expect(mail.subject).toBe(SUBJECTS[kind][language]);
      expect(mail.text.length).toBeGreaterThan(50);
      expect(mail.html).toContain(`<html lang="${language}">`);
      expect(mail.html).toContain(`<title>${escaped(mail.subject)}</title>`);
      // Russian mails read Cyrillic; English ones none.
      expect(/[а-яё]/i.test(mail.text)).toBe(language === 'ru');
    });

    it('renders in common mail clients: table layout, inline styles, no images, scripts, stylesheets or remote content', () => {
      const html = mail.html ?? '';
      expect(html).toContain('<table role="presentation"');
      expect(html).not.toMatch(/<(script|img|link|style|iframe|object|embed|form|input|svg)\b/i);
      expect(html).not.toMatch(/\b(src|srcset|background|class|on\w+)=/i);
      expect(html).not.toMatch(/url\(/i);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https:\/\/|mailto:)/);
      expect(html).toContain('background:#1d4ed8');
    });

    it('shows the cloud name and the support contact in text and HTML', () => {
      for (const part of [mail.text, mail.html ?? '']) {
        expect(part).toContain('Example Cloud');
        expect(part).toContain('support@cloud.example');
      }
      expect(mail.html).toContain('href="mailto:support@cloud.example"');
    });

    it('links where it should, in text and HTML alike', () => {
      const link = expectedLink(kind, language);
      const links = [...(mail.html ?? '').matchAll(/href="(https:[^"]*)"/g)].map((match) => match[1]);
      if (!link) {
        expect(links).toEqual([]);
        return;
      }
      expect(new Set(links)).toEqual(new Set([escaped(link)]));
      expect(mail.text).toContain(`\n${link}\n`);
    });

    it('inserts every value escaped exactly once in HTML and verbatim in text (hostile strings)', () => {
      // A value is fenced by ⟦ ⟧ (in no template) so that its every insertion can be found and compared.
      const fenced = (text: string): string => `⟦${text}⟧`;
      const typedWith = (text: string): Typed => ({ name: fenced(text), company: fenced(text), email: fenced(text) });
      const plain = sampleMail(kind, language, typedWith('x'));
      fc.assert(fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '&amp;&lt;', '</td></tr></table>', 'a\nb')),
        (hostile) => {
          const rendered = sampleMail(kind, language, typedWith(hostile));
          expect((rendered.html ?? '').split(fenced(escaped(hostile))).join(fenced('x'))).toBe(plain.html);
          expect(rendered.text.split(fenced(hostile)).join(fenced('x'))).toBe(plain.text);
          expect(rendered.subject).toBe(plain.subject);
        },
      ), { numRuns: 60 });
    });
  });

  describe('the invitation mail (partner-typed text)', () => {
    it.each(LANGUAGES)('keeps the partner\'s company and the client\'s name out of the subject and the first line (%s)', (language) => {
      const typed = { name: 'Your account is suspended call +7 999', company: 'Call +7 999 now', email: 'victim@example.com' };
      const mail = sampleMail('invitation', language, typed);
      const firstLine = mail.text.split('\n')[0] ?? '';
      const firstParagraph = /<td style="padding:24px[^"]*">\s*<p[^>]*>(.*?)<\/p>/.exec(mail.html ?? '')?.[1] ?? '';
      expect(firstParagraph).toMatch(/^(Hello,|Здравствуйте!)$/);
      for (const shown of [mail.subject, firstLine, firstParagraph]) {
        expect(shown).not.toContain('+7 999');
        expect(shown).not.toContain('suspended');
      }
      expect(mail.text).toContain('Call +7 999 now');
      expect(mail.text).not.toContain('Your account is suspended');
    });

    it('carries the link of its language', () => {
      expect(invitationLink('https://partners.example.com/', 'tok', 'ru')).toBe('https://partners.example.com/ru/invitations/tok');
      expect(invitationLink('https://partners.example.com/', 'tok')).toBe('https://partners.example.com/invitations/tok');
    });
  });
});

describe('renderMail', () => {
  it('refuses a link that is not http(s) or mailto', () => {
    expect(() => renderMail('a@example.com', 'en', { subject: 's', blocks: [{ action: 'Go', href: 'javascript:alert(1)' }] }, SAMPLE_SETTINGS)).toThrow();
  });

  it('writes white on a dark brand colour and near-black on a light one', () => {
    const on = (brandColor: string) => renderMail('a@example.com', 'en', { subject: 's', blocks: [] }, { ...SAMPLE_SETTINGS, brandColor }).html;
    expect(on('#1d4ed8')).toContain('background:#1d4ed8;color:#ffffff');
    expect(on('#fde047')).toContain('background:#fde047;color:#111827');
  });
});

describe('mailSettingsFromEnv', () => {
  it('takes the cloud name, brand colour and support contact from the environment', () => {
    expect(mailSettingsFromEnv({ CLOUD_NAME: 'Nimbus', BRAND_COLOR: '#0a0b0c', SUPPORT_EMAIL: 'help@nimbus.example' }))
      .toEqual({ cloudName: 'Nimbus', brandColor: '#0a0b0c', supportEmail: 'help@nimbus.example' });
  });

  it('ignores a colour that is not #rrggbb (nothing reaches a style attribute but a colour)', () => {
    for (const BRAND_COLOR of ['red', '#fff', '#0a0b0c;background:url(x)', 'expression(alert(1))']) {
      expect(mailSettingsFromEnv({ BRAND_COLOR }).brandColor).toBe('#1d4ed8');
    }
  });
});
