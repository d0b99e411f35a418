/**
 * Every screen not already covered by a journey, checked for accessibility and photographed at
 * desktop and phone width: the public form, sign-in, the clients list with its dialogs, audit,
 * an invitation page, and the error pages of the invitation screen.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { holdCalls } from './support/apiStubs';
import type { ClientItem } from '../../web/src/api/types';
import { apiGet, invitationLink, staffToken, suiteStack, uniqueEmail } from './support/suiteStack';

/** Wording of the API's schemas that must never reach a person. */
const SCHEMA_WORDING = /Too small|Too big|Expected|Invalid|>=|string to have/;

test('contact sales checks each field in the browser, names what is wrong in plain words, focuses it, and keeps the thank-you page on reload', async ({ page }) => {
  await page.goto('/contact-sales');
  await expect(page.getByRole('heading', { name: 'Become a partner', level: 1 })).toBeVisible();
  // Sent empty: every field is named, in words, and focus goes to the first one.
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('alert')).toHaveText('Some fields need attention.');
  for (const label of ['Your name', 'E-mail', 'Phone', 'Company', 'Message']) await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await expect(page.locator('main')).not.toContainText(SCHEMA_WORDING);
  await checkScreen(page, 'contact-sales-empty');

  await page.getByLabel('Your name').fill('Ann Lee');
  await page.getByLabel('E-mail').fill('not-an-address');
  await page.getByLabel('Phone').fill('+7 495 000-00-00');
  await page.getByLabel('Company').fill('Lee IT');
  await page.getByLabel('Message').fill('We resell cloud to small businesses.');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await expect(page.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
  await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'contact-sales-errors');

  // What only the API refuses (a bidirectional control character) comes back by field, in the same words.
  const email = uniqueEmail('ann');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Company').fill('Lee \u202EIT');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByText('Enter the company name (up to 200 characters).')).toBeVisible();
  await expect(page.getByLabel('Company')).toBeFocused();
  await expect(page.locator('main')).not.toContainText(SCHEMA_WORDING);

  await page.getByLabel('Company').fill('Lee IT');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('heading', { name: /your application is in/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  await expect(page.getByRole('status')).toContainText('Moscow time');
  await checkScreen(page, 'contact-sales-sent');
  const key = await page.evaluate("sessionStorage.getItem('partnerdesk.application')");
  await page.reload();
  await expect(page.getByRole('heading', { name: /your application is in/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  expect(await page.evaluate("sessionStorage.getItem('partnerdesk.application')")).toBe(key);
  await page.getByRole('button', { name: 'Send another application' }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('');
});

test('every validation answer of every form reads as plain words on its field, in both languages', async ({ page }) => {
  /** Answers the next matching call with the validation answer the API gives for these fields. */
  const refuse = async (url: RegExp, paths: readonly string[]) => page.route(url, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fulfill({
      status: 400,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-request-id', 'x-request-id': 'test' },
      body: JSON.stringify({ error: { code: 'validation_failed', message: 'Invalid body', requestId: 'test',
        details: { issues: paths.map((path) => ({ path, message: 'Too small: expected string to have >=1 characters' })) } } }),
    });
    await page.unroute(url);
  });

  await page.goto('/ru/contact-sales');
  const fields = { name: 'Ваше имя', email: 'Электронная почта', phone: 'Телефон', company: 'Компания', message: 'Сообщение' };
  for (const [field, label] of Object.entries(fields)) {
    await page.getByLabel(label).fill(field === 'email' ? 'ann@example.com' : field === 'phone' ? '+74950000000' : 'Текст');
  }
  for (const field of Object.keys(fields)) {
    await refuse(/\/partner-applications$/, [`body.${field}`]);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect(page.getByRole('alert')).toHaveText('Проверьте отмеченные поля.');
    await expect(page.locator(`#field-${field}`)).toBeFocused();
    await expect(page.locator(`#field-${field}-error`)).toHaveText(/[а-я]/);
    await expect(page.locator('main')).not.toContainText(SCHEMA_WORDING);
  }

  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await expect(page.getByRole('region', { name: 'Your clients' })).toBeVisible();
  await page.getByRole('button', { name: 'Add client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add client' });
  await dialog.getByLabel(/^E-mail/).fill('walk@example.com');
  for (const field of ['email', 'name', 'phone', 'accountId']) {
    await refuse(/\/clients$/, [`body.${field}`]);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.locator(`#field-${field}`)).toBeFocused();
    await expect(dialog.locator(`#field-${field}-error`)).not.toHaveText('Check this field.');
    await expect(dialog).not.toContainText(SCHEMA_WORDING);
  }
});

test('sign-in lists the demo logins and refuses an unknown one in words', async ({ page }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await checkScreen(page, 'sign-in');
  await page.getByLabel(/^E-mail/).fill('nobody@example.com');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('No login with these details.');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  // Signing in on a screen that asked for it shows that screen.
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
});

test('a session the API no longer accepts sends the person to sign in again, then back to the screen', async ({ page }) => {
  await page.goto('/sign-in');
  // A token the API cannot verify (as after a key rotation or a revoked session), not yet expired for the browser.
  const payload = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600, 'custom:role': 'partner', email: 'gone@example.com' })).toString('base64url');
  const stale = { idToken: `eyJhbGciOiJFUzI1NiJ9.${payload}.c2ln`, expiresAt: Date.now() + 3_600_000, role: 'partner', pool: 'staff', displayName: 'gone@example.com' };
  await page.evaluate(`sessionStorage.setItem('partnerdesk.session', ${JSON.stringify(JSON.stringify(stale))})`);
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
});

test('the clients list keeps filters and search in the URL and opens its dialogs', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await checkScreen(page, 'clients');

  await page.getByLabel('Search').fill('pavel');
  await expect(page).toHaveURL(/search=pavel/);
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.reload();
  await expect(page.getByLabel('Search')).toHaveValue('pavel');
  await page.getByLabel('Search').fill('');
  await expect(page).not.toHaveURL(/search=/);

  const menuButton = page.getByRole('button', { name: /^Actions for / }).first();
  await menuButton.click();
  await expect(page.getByRole('menu')).toBeVisible();
  await checkScreen(page, 'clients-row-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  // The row menu works from the keyboard: Enter opens it on its first item, arrows move, Escape closes it.
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const items = page.getByRole('menu').getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(menuButton).toBeFocused();

  const addButton = page.getByRole('button', { name: 'Add client' });
  await addButton.click();
  const dialog = page.getByRole('dialog', { name: 'Add client' });
  // The dialog opens on its first field and gives focus back to the button that opened it.
  await expect(dialog.getByLabel(/^E-mail/)).toBeFocused();
  await dialog.getByLabel(/^E-mail/).fill('no-at-sign');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Some fields need attention.');
  await expect(dialog.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
  await expect(dialog.getByLabel(/^E-mail/)).toBeFocused();
  await checkScreen(page, 'clients-add-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(addButton).toBeFocused();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.startsWith('\uFEFFId,Name,E-mail,')).toBe(true);
});

test('the audit trail filters by choosing a client by name, shows names, and exports the page', async ({ page }) => {
  const { partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const { items } = await apiGet<{ items: ClientItem[] }>('/clients?status=active', token);
  const client = items[0]!;
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  const trail = page.getByRole('region', { name: 'Audit trail' });
  // Rows name the client, never a raw id.
  await expect(trail.getByRole('link', { name: client.name! }).first()).toBeVisible();
  await expect(trail).not.toContainText('cli_');
  await checkScreen(page, 'audit');

  await page.getByLabel('Client').fill(client.name!.slice(0, 4));
  const match = page.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: new RegExp(client.email) });
  await match.click();
  await expect(page).toHaveURL(new RegExp(`clientId=${client.id}`));
  await expect(page.getByText(client.name!, { exact: true }).first()).toBeVisible();
  const history = await apiGet<{ items: unknown[] }>(`/audit?clientId=${client.id}&limit=50`, token);
  await expect(trail.getByRole('row')).toHaveCount(history.items.length + 1);
  await checkScreen(page, 'audit-one-client');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.startsWith('\uFEFFTime (Moscow),Client id,Client,')).toBe(true);
  expect(csv).toContain(client.id);
});

test('an invitation link shows who invites and asks to sign in; a person signs up and declines; a bad link gets a clear page', async ({ page }) => {
  const { apiUrl, partnerEmail } = suiteStack();
  const email = uniqueEmail('owner');
  const added = await call(apiUrl, 'POST', '/clients', {
    token: await staffToken(partnerEmail), body: { email, name: 'Nina Owner' },
  });
  expect(added.status).toBe(201);
  await page.goto(await invitationLink(email));
  await expect(page.getByRole('heading', { name: /invites you/, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to answer' })).toBeVisible();
  await checkScreen(page, 'invitation');

  // A person with no cloud account signs up and declines.
  await page.getByLabel('Your e-mail').fill(email);
  await page.getByRole('button', { name: 'Sign up for a cloud account' }).click();
  await expect(page.getByText('Signed in to the cloud console as')).toBeVisible();
  await checkScreen(page, 'invitation-signed-in');
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('heading', { name: 'Invitation declined', level: 1 })).toBeVisible();

  await page.goto('/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
  await expect(page.getByText('Open the link from the latest invitation e-mail again')).toBeVisible();
  await checkScreen(page, 'invitation-unknown');
  await page.goto('/invitations/broken!');
  await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
});

test('a partner resends and then cancels an invitation from the row menu; the replaced link says so', async ({ page }) => {
  const { apiUrl, partnerEmail } = suiteStack();
  const email = uniqueEmail('lena');
  const name = `Lena Resend ${Date.now().toString(36)}`;
  expect((await call(apiUrl, 'POST', '/clients', { token: await staffToken(partnerEmail), body: { email, name } })).status).toBe(201);
  const firstLink = await invitationLink(email);

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await page.getByLabel('Search').fill(email.slice(0, 12));
  await expect(page).toHaveURL(/search=/);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: `Actions for ${name} (${email})` }).click();
  // The list reloads after the resend; held past the moment, its rows give way to skeleton rows and
  // come back as new elements, and the row's menu button still holds focus.
  const release = await holdCalls(page, /\/clients\?/);
  await page.getByRole('menuitem', { name: 'Resend invitation' }).click();
  await expect(page.getByRole('region', { name: 'Your clients' })).toHaveAttribute('aria-busy', 'true');
  await release();
  await expect(row.getByRole('button', { name: `Actions for ${name} (${email})` })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: email })).toHaveText(`A new invitation link was sent to ${email}. The previous link no longer works.`);
  await expect.poll(() => invitationLink(email)).not.toBe(firstLink);

  await row.getByRole('button', { name: `Actions for ${name} (${email})` }).click();
  await page.getByRole('menuitem', { name: 'Cancel invitation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the invitation?' });
  await expect(dialog).toContainText(email);
  // A dialog from a row menu opens on its primary action.
  await expect(dialog.getByRole('button', { name: 'Cancel invitation' })).toBeFocused();
  await checkScreen(page, 'clients-cancel-invitation');
  const releaseAgain = await holdCalls(page, /\/clients\?/);
  await dialog.getByRole('button', { name: 'Cancel invitation' }).click();
  await expect(page.getByRole('region', { name: 'Your clients' })).toHaveAttribute('aria-busy', 'true');
  await releaseAgain();
  await expect(page.getByRole('status').filter({ hasText: email })).toHaveText(`The invitation to ${email} was cancelled.`);
  // Closing gives focus back to the row's menu button, a new element after the slow reload.
  await expect(row.getByRole('button', { name: `Actions for ${name} (${email})` })).toBeFocused();
  await expect(row).toContainText('Cancelled');

  await page.goto(firstLink);
  await expect(page.getByRole('heading', { name: 'Invitation not available', level: 1 })).toBeVisible();
  await expect(page.getByText('A newer invitation was sent. Use the link in the latest e-mail.')).toBeVisible();
  await page.goto(await invitationLink(email));
  await expect(page.getByRole('heading', { name: 'Invitation withdrawn', level: 1 })).toBeVisible();
});
