/**
 * Every mail, in both languages, as a person sees it: a journey through the API (apply → approve or
 * reject → the new partner invites → the invitees sign up and accept or decline) fills the local
 * inbox, and each HTML mail is opened in the inbox's own viewer; the mails that need the clock
 * moved (escalation, expiry — the suite's stack is shared) are rendered from their templates into a
 * page. Each is saved as `test-results/web-screens/mail-<kind>-<lang>.png`.
 */
import type { Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../../shared/domain/Language';
import { call } from '../support/http';
import { MAIL_KINDS, type MailKind, sampleMail } from '../support/mailSamples';
import { mailsTo } from '../support/sesInbox';
import { SCREENSHOT_DIR } from './support/checkScreen';
import { expect, test } from './support/test';
import { staffToken, suiteStack, uniqueEmail } from './support/suiteStack';

/** A mail the journey sent: to whom, and its subject (to find it in the inbox). */
interface Sent {
  readonly kind: MailKind;
  readonly language: Language;
  readonly to: string;
  readonly subject: string;
}

/** POSTs to the API and fails the test unless it answers `status`. */
async function post(path: string, body: unknown, token: string | undefined, status: number): Promise<Record<string, unknown>> {
  const response = await call(suiteStack().apiUrl, 'POST', path, { body, ...(token && { token }) });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(status);
  return response.body as Record<string, unknown>;
}

/** The only mail to `to` whose subject passes `subject`, with both parts. */
async function mailTo(to: string, subject: RegExp): Promise<{ subject: string; text: string; html: string }> {
  const found = (await mailsTo(to, suiteStack().inboxUrl)).filter((mail) => subject.test(mail.subject));
  expect(found, `one mail to ${to} matching ${subject}`).toHaveLength(1);
  const [mail] = found;
  return { subject: mail?.subject ?? '', text: mail?.body.text ?? '', html: mail?.body.html ?? '' };
}

/** The journey of one language: every mail it sends, checked to be in that language with both parts. */
async function journey(language: Language): Promise<Sent[]> {
  const manager = await staffToken(suiteStack().managerEmail);
  const applicant = uniqueEmail(`applicant-${language}`);
  const rejected = uniqueEmail(`rejected-${language}`);
  const form = (email: string) => ({ name: 'Sergey Smith', email, phone: '+74957654321', company: `Cloudsmiths ${language}`, message: 'We migrate small businesses.', language });
  const approvedId = (await post('/partner-applications', form(applicant), undefined, 201)).id as string;
  const rejectedId = (await post('/partner-applications', form(rejected), undefined, 201)).id as string;
  await post(`/partner-applications/${approvedId}/contact`, undefined, manager, 200);
  await post(`/partner-applications/${approvedId}/approve`, undefined, manager, 200);
  await post(`/partner-applications/${rejectedId}/reject`, { reason: 'We work only with companies registered in Russia.' }, manager, 200);

  // The new partner reads its application's language; its invitations go out in it by default.
  const partner = await staffToken(applicant);
  const me = await call(suiteStack().apiUrl, 'GET', '/me', { token: partner });
  expect(me.body).toMatchObject({ kind: 'partner', email: applicant, language });
  const accepting = uniqueEmail(`accepting-${language}`);
  const declining = uniqueEmail(`declining-${language}`);
  for (const email of [accepting, declining]) await post('/clients', { email, name: 'Ivan Petrov' }, partner, 201);
  for (const [email, action] of [[accepting, 'accept'], [declining, 'decline']] as const) {
    const invitation = await mailTo(email, /./);
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(invitation.text)?.[1];
    const consoleUser = await post('/__local/signup', { email }, undefined, 201);
    await post(`/invitations/${token}/${action}`, undefined, consoleUser.idToken as string, 200);
  }

  const ru = language === 'ru';
  const sent: Array<[MailKind, string, RegExp]> = [
    ['application-received', applicant, ru ? /^Мы получили/ : /^We received/],
    ['application-approved', applicant, ru ? /^Добро пожаловать/ : /^Welcome/],
    ['application-rejected', rejected, ru ? /^Ваша заявка в партнёрскую программу [^:]*$/ : /^Your application to the [^:]*$/],
    ['invitation', accepting, ru ? /^Приглашение/ : /^Invitation/],
    ['invitation-accepted', applicant, ru ? /принял/ : /accepted/],
    ['invitation-declined', applicant, ru ? /отклонил/ : /declined/],
  ];
  const found: Sent[] = [];
  for (const [kind, to, subject] of sent) {
    const mail = await mailTo(to, subject);
    expect(mail.html).toContain(`<html lang="${language}">`);
    expect(/[а-яё]/i.test(mail.text)).toBe(ru);
    found.push({ kind, language, to, subject: mail.subject });
  }
  return found;
}

/** Opens the mail in the local inbox's viewer (its HTML view, an iframe) and saves a screenshot of it. */
async function screenshotInInbox(page: Page, mail: Sent): Promise<void> {
  const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const entry = page.locator('.email')
    .filter({ has: page.locator('p', { hasText: exactly(`To: ${mail.to}`) }) })
    .filter({ has: page.locator('p', { hasText: exactly(`Subject: ${mail.subject}`) }) });
  await entry.getByRole('button', { name: 'Toggle HTML view' }).click();
  const frame = entry.locator('iframe');
  await expect(frame).toBeVisible();
  await expect(frame.contentFrame().locator('table').first()).toBeVisible();
  await frame.screenshot({ path: `${SCREENSHOT_DIR}/mail-${mail.kind}-${mail.language}.png` });
}

test('every mail of the journeys in both languages shows its HTML part in the local inbox', async ({ page }) => {
  test.setTimeout(180_000);
  const sent = [...(await journey('ru')), ...(await journey('en'))];

  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(suiteStack().inboxUrl);
  for (const mail of sent) await screenshotInInbox(page, mail);
});

test('the mails that wait for the clock (escalation, expiry) render from their templates, and every mail fits a phone, in both languages', async ({ page }) => {
  const waiting: MailKind[] = ['application-escalated-department', 'application-escalated-applicant', 'invitation-expired'];
  const typed = { name: 'Ivan Petrov', company: 'Cloudsmiths <&> "Ltd"', email: 'ivan.petrov@example.com' };
  for (const [width, kinds] of [[640, waiting], [360, MAIL_KINDS]] as const) {
    await page.setViewportSize({ width, height: 800 });
    for (const kind of kinds) {
      for (const language of LANGUAGES) {
        await page.setContent(sampleMail(kind, language, typed).html ?? '');
        await expect(page.locator('table').first()).toBeVisible();
        // Nothing wider than the phone: the layout shrinks to the screen.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        const suffix = width === 640 ? '' : `-${width}`;
        await page.screenshot({ path: `${SCREENSHOT_DIR}/mail-${kind}-${language}${suffix}.png`, fullPage: true });
      }
    }
  }
});
