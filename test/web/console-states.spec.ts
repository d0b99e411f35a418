/**
 * How the console behaves while the API is slow or failing, and how its lists read: stale rows are
 * never actionable, every loading screen says so after a moment, every load error offers Retry and
 * a 503/429 waits Retry-After with a countdown; the selection bar offers only what applies; the
 * clients list is dense on a desktop and two lines per client on a phone; the language comes from
 * the browser, stays in the address and the switch keeps the screen.
 */
import type { Page } from '@playwright/test';
import { call } from '../support/http';
import { failCalls, holdCalls } from './support/apiStubs';
import { checkScreen } from './support/checkScreen';
import { failScreenChunks } from './support/screenChunks';
import { showOnlyStatus } from './support/clientFilters';
import { apiGet, staffToken, suiteStack, uniqueEmail } from './support/suiteStack';
import { expect, test } from './support/test';

async function signInAsPartner(page: Page): Promise<void> {
  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

test('the clients list never leaves stale rows actionable and puts a failed load in their place with Retry and a countdown', async ({ page }) => {
  test.slow();
  await signInAsPartner(page);
  const table = page.getByRole('region', { name: 'Your clients' });
  await expect(table.getByRole('checkbox').nth(1)).toBeVisible();

  // A slow answer: the old rows go inert at once, then skeleton rows replace them.
  const release = await holdCalls(page, /\/clients\?.*status=blocked/);
  await showOnlyStatus(page, 'Blocked');
  await expect(page.locator('.stale')).toHaveAttribute('inert', '');
  await expect(table).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('.stale')).toHaveCount(0);
  await expect(table.locator('tbody').getByRole('checkbox')).toHaveCount(0);
  await checkScreen(page, 'clients-loading');
  await release();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  // A 503 with Retry-After: the error stands where the rows were, counts down and tries again by itself.
  const recover = await failCalls(page, /\/clients\?.*status=expired/, 503, 3);
  await showOnlyStatus(page, 'Expired');
  await expect(page.getByRole('alert')).toHaveText('The service is busy right now.');
  await expect(page.getByText(/Trying again in \d s/)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Selected clients' })).toHaveCount(0);
  await checkScreen(page, 'clients-error');
  await recover();
  await expect(page.getByRole('alert')).toBeHidden({ timeout: 10_000 });

  // A failure without Retry-After: the Retry button loads again.
  const fixed = await failCalls(page, /\/clients\?.*status=declined/, 500);
  await showOnlyStatus(page, 'Declined');
  await expect(page.getByRole('alert')).toHaveText('Something went wrong on our side. Please try again in a moment.');
  await fixed();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toBeHidden();
  await expect(table.getByRole('row').nth(1)).toContainText('Declined');
});

test('a partner whose role could not be read is told so, keeps what every member may do, and gets the rest once it is read', async ({ page }) => {
  // Found by CI: a 429 on `GET /team/me` right after sign-in left the session without its role's screens, unsaid.
  const recover = await failCalls(page, /\/team\/me$/, 429, 3);
  // `/me` (the company the header names) unavailable as well: read again by itself too.
  const recoverMe = await failCalls(page, /:\d+\/me$/, 503, 1);
  await signInAsPartner(page);
  const company = page.getByRole('banner').getByText('Volkova Cloud Integration LLC');
  await expect(company).toHaveCount(0);
  await recoverMe();
  await expect(company).toBeVisible({ timeout: 10_000 });
  const notice = page.getByText('Your role in the team could not be read, so only what every member may do is shown.');
  await expect(notice).toBeVisible();
  await expect(page.getByText(/Trying again in \d s/)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  await checkScreen(page, 'role-unread');
  await recover();
  // Read again by itself after Retry-After: the whole navigation comes, the notice goes.
  await expect(nav.getByRole('link', { name: 'API keys' })).toBeVisible({ timeout: 15_000 });
  await expect(notice).toHaveCount(0);
});

test('applications, an application and the audit show a loading state after a moment and offer Retry after a failure', async ({ page }) => {
  test.slow();
  const company = `Waiting Works ${Date.now().toString(36)}`;
  const submitted = await call(suiteStack().apiUrl, 'POST', '/partner-applications', {
    body: { name: 'Irina Wait', email: uniqueEmail('irina'), phone: '+74950001133', company, message: 'We host shops.' },
  });
  expect(submitted.status).toBe(201);
  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().managerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Partner applications', level: 1 })).toBeVisible();

  let release = await holdCalls(page, /\/partner-applications\?.*status=new/);
  await page.getByLabel('Status').selectOption('new');
  await expect(page.getByRole('region', { name: 'Applications' })).toHaveAttribute('aria-busy', 'true');
  await checkScreen(page, 'applications-loading');
  await release();
  await expect(page.getByRole('region', { name: 'Applications' })).not.toHaveAttribute('aria-busy', 'true');

  const fixed = await failCalls(page, /\/partner-applications\?.*status=contacted/, 503, 1);
  await page.getByLabel('Status').selectOption('contacted');
  await expect(page.getByRole('alert')).toHaveText('The service is busy right now.');
  await fixed();
  await expect(page.getByRole('alert')).toBeHidden({ timeout: 10_000 });

  await page.getByLabel('Status').selectOption('');
  release = await holdCalls(page, /\/partner-applications\/[^/?]+$/);
  await page.getByRole('link', { name: company }).first().click();
  await expect(page.getByRole('status')).toHaveText('Loading…');
  await release();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  // The reason of a rejection is checked before sending, named on its field, and focused.
  const reject = page.getByRole('button', { name: 'Reject' });
  await reject.click();
  const dialog = page.getByRole('dialog', { name: 'Reject the application?' });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(dialog.getByLabel(/^Reason/)).toBeFocused();
  await expect(dialog.getByText('Write the reason (up to 1,000 characters).')).toBeVisible();
  await checkScreen(page, 'application-reject-reason');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(reject).toBeFocused();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAsPartner(page);
  const failing = await failCalls(page, /\/audit\?/, 500);
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('alert')).toHaveText('Something went wrong on our side. Please try again in a moment.');
  await checkScreen(page, 'audit-error');
  await failing();
  release = await holdCalls(page, /\/audit\?/);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Audit trail' })).toHaveAttribute('aria-busy', 'true');
  await release();
  await expect(page.getByRole('region', { name: 'Audit trail' }).getByRole('row').nth(1)).toBeVisible();
});

test('the selection bar offers only what applies and says what will be skipped; 20 rows fit a desktop and a phone row takes two lines', async ({ page }) => {
  test.slow();
  const { apiUrl, partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const run = Date.now().toString(36);
  for (let i = 0; i < 22; i += 1) {
    const added = await call(apiUrl, 'POST', '/clients', { token, body: { email: uniqueEmail(`dense${i}`), name: `Dense Client ${run} ${String(i).padStart(2, '0')} With A Rather Long Name` } });
    expect(added.status).toBe(201);
  }
  await signInAsPartner(page);
  const table = page.getByRole('region', { name: 'Your clients' });
  await expect(table.getByRole('row')).toHaveCount(21);
  // Dense rows: at least 20 clients visible at 1280×800 without scrolling.
  const visible = await table.getByRole('row').evaluateAll((rows, height) => rows.slice(1).filter((row) => row.getBoundingClientRect().bottom <= height).length, 800);
  expect(visible).toBeGreaterThanOrEqual(20);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–20');

  // Invited clients only: Block and Unblock do not apply, Delete does.
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selected clients' });
  await expect(bar).toContainText('20 selected');
  await expect(bar.getByRole('button', { name: /^Block/ })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: /^Unblock/ })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();

  // A mix: Block applies to the active one only, and the bar says the other will be skipped.
  await showOnlyStatus(page, 'Active');
  await page.getByRole('checkbox', { name: /^Select Pavel/ }).check();
  await showOnlyStatus(page, 'Declined');
  await page.getByRole('checkbox', { name: /^Select / }).nth(1).check();
  await expect(bar.getByRole('button', { name: 'Block (1)' })).toBeVisible();
  await expect(bar).toContainText('Block: 1 client will be skipped: only active clients can be blocked.');
  await checkScreen(page, 'clients-selection-mixed');
  await bar.getByRole('button', { name: 'Block (1)' }).click();
  const preview = page.getByRole('dialog', { name: 'Block 1 client?' });
  await expect(preview.getByRole('listitem')).toHaveCount(1);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await bar.getByRole('button', { name: 'Clear selection' }).click();

  // A phone: each client is at most two lines, select-all and the row menus are reachable, ids are never broken.
  await showOnlyStatus(page, '');
  await page.setViewportSize({ width: 360, height: 740 });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(20);
  const heights = await rows.evaluateAll((all) => all.map((row) => row.getBoundingClientRect().height));
  // Two lines of text (≈ 22 px each at phone size) plus the card's padding and border.
  for (const height of heights) expect(height).toBeLessThanOrEqual(2 * 26 + 16);
  await expect(page.getByRole('checkbox', { name: 'Select all on this page' })).toBeInViewport();
  await expect(rows.first().getByRole('button', { name: /^Actions for / })).toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkScreen(page, 'clients-dense');

  // A click anywhere on a row opens the client's page.
  await table.getByRole('row').nth(1).locator('td.c-status').click();
  await expect(page).toHaveURL(/\/en\/clients\/cli_[^/?]+$/);
  await expect(page.getByRole('tab', { name: 'Profile' })).toHaveAttribute('aria-selected', 'true');
});

test('the language comes from the browser, stays in the address, and the switch keeps the screen and is remembered', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/ru\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Вход', level: 1 })).toBeVisible();
  await page.goto('/contact-sales?x=1');
  await expect(page).toHaveURL(/\/ru\/contact-sales\?x=1$/);
  await page.getByLabel('Ваше имя').fill('Анна');
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await expect(page).toHaveURL(/\/en\/contact-sales\?x=1$/);
  await expect(page.getByRole('heading', { name: 'Become a partner', level: 1 })).toBeVisible();
  // The screen keeps what was typed.
  await expect(page.getByLabel('Your name')).toHaveValue('Анна');
  await page.goto('/');
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await context.close();

  // After sign-in the console follows the person's stored language, and the switch stores a new choice.
  const signedIn = await browser.newContext({ locale: 'ru-RU' });
  const partnerPage = await signedIn.newPage();
  await partnerPage.goto('/ru/sign-in');
  await partnerPage.getByRole('button', { name: `Войти как ${suiteStack().partnerEmail}` }).click();
  await expect(partnerPage).toHaveURL(/\/en\/clients/);
  await expect(partnerPage.getByText('Volkova Cloud Integration LLC')).toBeVisible();
  const token = await staffToken(suiteStack().partnerEmail);
  await partnerPage.getByRole('link', { name: 'Переключить на русский язык' }).click();
  await expect(partnerPage.getByRole('heading', { name: 'Клиенты', level: 1 })).toBeVisible();
  await expect.poll(async () => (await apiGet<{ language: string }>('/me', token)).language).toBe('ru');
  await partnerPage.getByRole('link', { name: 'Switch to English' }).click();
  await expect.poll(async () => (await apiGet<{ language: string }>('/me', token)).language).toBe('en');
  await signedIn.close();

  const english = await browser.newContext({ locale: 'kk-KZ' });
  const kazakh = await english.newPage();
  await kazakh.goto('/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(kazakh).toHaveURL(/\/ru\/invitations\//);
  await expect(kazakh.getByRole('heading', { name: 'Ссылка недействительна', level: 1 })).toBeVisible();
  await english.close();
});

test("a screen whose code could not be fetched offers Retry, which fetches it again and shows the screen", async ({ page }) => {
  await signInAsPartner(page);
  // The scripts index.html names come; every chunk loaded later (the audit screen's) fails until Retry.
  const stopFailing = await failScreenChunks(page, '/en/audit');

  await page.goto('/en/audit');
  const retry = page.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toHaveCount(0);
  stopFailing();
  await page.waitForLoadState('networkidle');
  await retry.click();
  await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/en\/audit$/);
});
