/**
 * Every screen not already covered by a journey, checked for accessibility and photographed at
 * desktop and phone width: the public form, sign-in, the clients list with its dialogs, audit,
 * an invitation page, and the error pages of the invitation screen.
 */
import { expect, test } from './support/test';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { invitationLink, staffToken, suiteStack, uniqueEmail } from './support/suiteStack';

test('contact sales shows field errors from the API, then a confirmation', async ({ page }) => {
  await page.goto('/contact-sales');
  await expect(page.getByRole('heading', { name: 'Become a partner', level: 1 })).toBeVisible();
  await page.getByLabel('Your name').fill('Ann Lee');
  await page.getByLabel('E-mail').fill('not-an-address');
  await page.getByLabel('Phone').fill('+74950000000');
  await page.getByLabel('Company').fill('Lee IT');
  await page.getByLabel('Message').fill('We resell cloud to small businesses.');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('alert')).toHaveText('Some fields need attention.');
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'contact-sales-errors');

  const email = uniqueEmail('ann');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('heading', { name: /your application is in/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  await checkScreen(page, 'contact-sales-sent');
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

  await page.getByRole('button', { name: 'Add client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add client' });
  await dialog.getByLabel('E-mail').fill('no-at-sign');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Some fields need attention.');
  await checkScreen(page, 'clients-add-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();
});

test('the audit trail filters by client and period', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  const firstClient = (await page.getByRole('region', { name: 'Audit trail' }).getByRole('code').first().textContent()) ?? '';
  await checkScreen(page, 'audit');
  await page.getByLabel('Client id').fill(firstClient);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`clientId=${firstClient}`));
  const rows = page.getByRole('region', { name: 'Audit trail' }).getByRole('row');
  await expect(rows.filter({ hasNotText: firstClient })).toHaveCount(1);
  await expect(rows.filter({ hasText: firstClient }).first()).toBeVisible();
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
  await expect(page.getByRole('heading', { name: 'Invitation not available', level: 1 })).toBeVisible();
  await checkScreen(page, 'invitation-unknown');
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
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: `Actions for ${name} (${email})` }).click();
  await page.getByRole('menuitem', { name: 'Resend invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`A new invitation link was sent to ${email}. The previous link no longer works.`);
  await expect.poll(() => invitationLink(email)).not.toBe(firstLink);

  await row.getByRole('button', { name: `Actions for ${name} (${email})` }).click();
  await page.getByRole('menuitem', { name: 'Cancel invitation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the invitation?' });
  await expect(dialog).toContainText(email);
  await checkScreen(page, 'clients-cancel-invitation');
  await dialog.getByRole('button', { name: 'Cancel invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`The invitation to ${email} was cancelled.`);
  await expect(row).toContainText('Cancelled');

  await page.goto(firstLink);
  await expect(page.getByRole('heading', { name: 'Invitation not available', level: 1 })).toBeVisible();
  await expect(page.getByText('A newer invitation was sent. Use the link in the latest e-mail.')).toBeVisible();
  await page.goto(await invitationLink(email));
  await expect(page.getByRole('heading', { name: 'Invitation withdrawn', level: 1 })).toBeVisible();
});
