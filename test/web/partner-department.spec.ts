/**
 * Journey of the partner department: a manager takes an application, records a contact attempt
 * and approves it; the partner appears in the Partners list; the manager suspends it (reason →
 * preview → confirm) and the partner's next request is refused with a clear message in its own
 * console; resumed, the partner works again; ended, its client is detached and the partner page
 * lists it as such. (Moves the stack's clock a little past the partner-standing cache.)
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test, watchApiAnswers } from './support/test';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { staffToken, suiteStack, uniqueEmail } from './support/suiteStack';

/** What the partner's own browser got from the API, checked against the OpenAPI document at the end. */
let partnerAnswers: (() => Promise<string[]>) | undefined;

/** The partner signed in, in a browser of its own, on its Clients screen. */
async function partnerConsole(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  partnerAnswers = watchApiAnswers(context);
  const page = await context.newPage();
  await page.goto('/en/sign-in');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  return page;
}

/** Moves the stack's clock past the time a function may trust a partner's state it read (60 s). */
async function pastStandingCache(): Promise<void> {
  expect((await call(suiteStack().apiUrl, 'POST', '/__local/clock', { body: { advanceHours: 0.02 } })).status).toBe(200);
}

/** Suspend, resume or end from the partner page: reason → preview → confirm. */
async function act(page: Page, button: string, title: string, confirm: string, reason: string, screen?: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: 'Show what will happen' }).click();
  // No reason: the field says so, and nothing is asked of the API.
  await expect(dialog.getByLabel(/^Reason/)).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole('button', { name: 'Show what will happen' }).click();
  await expect(dialog.getByRole('list', { name: 'What will happen' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: confirm, exact: true })).toBeFocused();
  if (screen) await checkScreen(page, screen);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('take and annotate → approve → listed → suspend refuses the partner → resume → end detaches its client', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { apiUrl, managerEmail } = suiteStack();
  const run = Date.now().toString(36);
  const company = `Borealis ${run} Cloud`;
  const applicant = uniqueEmail('borealis');
  const submitted = await call(apiUrl, 'POST', '/partner-applications', {
    body: { name: 'Irina Sokolova', email: applicant, phone: '+74951112233', company, message: 'We run cloud for clinics.', language: 'en' },
  });
  expect(submitted.status).toBe(201);

  // The manager finds the application, takes it, records a missed call, then the call that reached the applicant.
  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${managerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Partner applications', level: 1 })).toBeVisible();
  await page.getByLabel('Search').fill(`borealis ${run}`);
  await expect(page.getByRole('row')).toHaveCount(2);
  const row = page.getByRole('row', { name: new RegExp(company) });
  await expect(row).toContainText('Nobody');
  await row.getByRole('link', { name: company }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Take' }).click();
  await expect(page.getByRole('status')).toHaveText('You hold this application now.');
  for (const [note, reached] of [['No answer, left a voicemail.', false], ['Spoke with Irina: 30 clinics.', true]] as const) {
    await page.getByRole('button', { name: 'Log a contact attempt…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a contact attempt' });
    await dialog.getByLabel(/^Note/).fill(note);
    if (reached) await dialog.getByLabel(/^I reached the applicant/).check();
    await dialog.getByRole('button', { name: 'Record attempt' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The attempt is recorded.' })).toBeVisible();
    await expect(page.getByText(note)).toBeVisible();
  }
  await checkScreen(page, 'application-attempts');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: 'Approve the application?' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The application is now approved.' })).toBeVisible();
  // "Only mine" lists it, with its holder.
  await page.getByRole('link', { name: 'Applications' }).first().click();
  await page.getByLabel('Only mine').check();
  await expect(page).toHaveURL(/mine=true/);
  await expect(page.getByRole('row', { name: new RegExp(company) })).not.toContainText('Nobody');

  // The partner has a client (invited: its invitation is pending).
  const partnerToken = await staffToken(applicant);
  const client = await call(apiUrl, 'POST', '/clients', { token: partnerToken, body: { email: uniqueEmail('clinic'), name: `Clinic ${run}` } });
  expect(client.status).toBe(201);

  // The partner appears in the Partners list, found by the start of its company's word.
  await page.getByRole('link', { name: 'Partners' }).click();
  await expect(page.getByRole('heading', { name: 'Partners', level: 1 })).toBeVisible();
  await page.getByLabel('Search').fill(`borealis ${run}`);
  const partnerRow = page.getByRole('row', { name: new RegExp(company) });
  await expect(partnerRow).toContainText('Active');
  await expect(page.getByRole('row')).toHaveCount(2);
  await checkScreen(page, 'partners');
  await partnerRow.getByRole('link', { name: company }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Members' })).toContainText(applicant);
  await checkScreen(page, 'partner-page');

  // Suspended: the partner's next request is refused, and its console says why.
  const partner = await partnerConsole(browser, applicant);
  await act(page, 'Suspend…', 'Suspend the partner', 'Suspend', 'Unpaid invoices for November.', 'partner-suspend-preview');
  await expect(page.getByRole('status')).toHaveText('The partner is suspended.');
  await pastStandingCache();
  await partner.reload();
  await expect(partner.getByRole('alert')).toHaveText(/Your partner account is suspended by the partner department/);
  await checkScreen(partner, 'partner-suspended');

  // Resumed: it works again.
  await act(page, 'Resume…', 'Resume the partner', 'Resume', 'Paid in full.');
  await expect(page.getByRole('status')).toHaveText('The partner is active again.');
  await pastStandingCache();
  await partner.reload();
  await expect(partner.getByRole('row', { name: new RegExp(`Clinic ${run}`) })).toBeVisible();
  await expect(partner.getByRole('alert')).toHaveCount(0);

  // Ended: its client is detached, and the page lists it as such once the counts have caught up.
  await act(page, 'End partnership…', 'End the partnership', 'End partnership', 'Contract terminated.', 'partner-end-preview');
  await expect(page.getByRole('status')).toHaveText('The partnership has ended.');
  await expect(page.getByText('The partnership has ended: this record and its history are kept, read-only.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume…' })).toHaveCount(0);
  await expect(async () => {
    await page.reload();
    await expect(page.locator('dl.counts div').filter({ hasText: 'Detached' })).toContainText('1');
  }).toPass();
  await expect(page.getByRole('table', { name: 'What managers did' }).getByRole('row')).toHaveCount(4);
  await checkScreen(page, 'partner-ended');
  expect(await partnerAnswers?.()).toEqual([]);
});

test('the partner page pages through what managers did, 20 entries at a time', async ({ page }) => {
  const { apiUrl, managerEmail } = suiteStack();
  const run = Date.now().toString(36);
  const company = `Paging ${run} Cloud`;
  const submitted = await call(apiUrl, 'POST', '/partner-applications', {
    body: { name: 'Oleg Petrov', email: uniqueEmail('paging'), phone: '+74951112233', company, message: 'We resell cloud.', language: 'en' },
  });
  const manager = await staffToken(managerEmail);
  expect((await call(apiUrl, 'POST', `/partner-applications/${submitted.body.id}/contact`, { token: manager })).status).toBe(200);
  const approved = await call(apiUrl, 'POST', `/partner-applications/${submitted.body.id}/approve`, { token: manager });
  expect(approved.status).toBe(200);
  const partnerId = approved.body.partnerId as string;
  // 11 suspensions and 11 resumptions: 22 entries, one page of 20 and one of 2.
  for (let round = 1; round <= 11; round += 1) {
    for (const action of ['suspend', 'resume']) {
      const reason = `${action} ${round}`;
      const preview = await call(apiUrl, 'POST', `/partners/${partnerId}/${action}`, { token: manager, body: { reason } });
      expect(preview.status).toBe(200);
      expect((await call(apiUrl, 'POST', `/partners/${partnerId}/${action}`, { token: manager, body: { reason, confirm: preview.body.confirmation.token } })).status).toBe(200);
    }
  }

  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${managerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Partner applications', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Partners' }).click();
  await page.getByLabel('Search').fill(`paging ${run}`);
  await page.getByRole('row', { name: new RegExp(company) }).getByRole('link', { name: company }).click();
  await expect(page).toHaveURL(new RegExp(`/partners/${partnerId}$`));
  const audit = page.getByRole('table', { name: 'What managers did' });
  await expect(audit.getByRole('row')).toHaveCount(21);
  await expect(audit.getByRole('row').nth(1)).toContainText('resume 11');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(audit.getByRole('row')).toHaveCount(3);
  await expect(audit.getByRole('row').nth(2)).toContainText('suspend 1');
  await expect(page.getByRole('button', { name: 'Next page' })).toHaveCount(0);
  await page.getByRole('button', { name: 'First page' }).click();
  await expect(audit.getByRole('row')).toHaveCount(21);
});
