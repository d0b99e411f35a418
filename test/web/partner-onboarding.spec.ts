/**
 * The main journey, start to end, as people do it in the browser: a company applies, a manager
 * contacts and approves it, the new partner signs in and invites a person without a cloud account
 * (and an owner of an existing one), the invitee signs up from the mail link and accepts, the
 * partner sees both active with a balance, blocks both after the preview, the client's sign-in is
 * refused, the partner unblocks them and deletes one.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test, watchApiAnswers } from './support/test';
import { checkScreen } from './support/checkScreen';
import { invitationLink, suiteStack, uniqueEmail } from './support/suiteStack';

/** What the invitees' own browsers got from the API, checked against the OpenAPI document at the end. */
const inviteeAnswers: Array<() => Promise<string[]>> = [];

/** A fresh browser (its own session storage) at the invitation link sent to `email`. */
async function openInvitation(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  inviteeAnswers.push(watchApiAnswers(context));
  const page = await context.newPage();
  await page.goto(await invitationLink(email));
  await expect(page.getByRole('heading', { name: /invites you$/, level: 1 })).toBeVisible();
  return page;
}

test('apply → approve → invite → sign up and accept → block, refused sign-in, unblock, delete', async ({ page, browser }) => {
  const { managerEmail, freeAccounts } = suiteStack();
  const run = Date.now().toString(36);
  const company = `Cloudsmiths ${run}`;
  const applicant = uniqueEmail('cloudsmiths');
  const newcomer = { name: `Vera New ${run}`, email: uniqueEmail('vera') };
  const owner = { name: `Boris Owner ${run}`, email: uniqueEmail('boris'), accountId: freeAccounts[0]! };

  // A company applies through the public form.
  await page.goto('/contact-sales');
  await page.getByLabel('Your name').fill('Sergey Smith');
  await page.getByLabel('E-mail').fill(applicant);
  await page.getByLabel('Phone').fill('+74957654321');
  await page.getByLabel('Company').fill(company);
  await page.getByLabel('Message').fill('We migrate small businesses to the cloud.');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('heading', { name: /your application is in/ })).toBeVisible();

  // A manager contacts the applicant and approves the application.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${managerEmail}` }).click();
  await page.getByRole('link', { name: company }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Record contact' }).click();
  await page.getByRole('dialog', { name: 'Record the contact?' }).getByRole('button', { name: 'Record contact' }).click();
  await expect(page.getByRole('status')).toHaveText('The application is now contacted.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: 'Approve the application?' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toHaveText('The application is now approved.');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The new partner signs in and invites a person without a cloud account, and an account's owner.
  await page.getByLabel(/^E-mail/).fill(applicant);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  // A new partner's empty list says so and offers the Add button.
  await expect(page.getByText('No clients yet.', { exact: false })).toBeVisible();
  await checkScreen(page, 'clients-empty');
  const invitees: Array<{ name: string; email: string; accountId?: string }> = [newcomer, owner];
  for (const person of invitees) {
    await page.getByRole('button', { name: 'Add client' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add client' });
    await dialog.getByLabel(/^E-mail/).fill(person.email);
    await dialog.getByLabel('Name').fill(person.name);
    if (person.accountId) await dialog.getByLabel(/^Cloud account identifier/).fill(person.accountId);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${person.email}.`);
  }
  const newcomerRow = page.getByRole('row', { name: new RegExp(newcomer.name) });
  const ownerRow = page.getByRole('row', { name: new RegExp(owner.name) });
  await expect(newcomerRow).toContainText('Invited');
  await expect(newcomerRow).toContainText('set when accepted');

  // The newcomer signs up for a cloud account from the mail link and accepts.
  const newcomerPage = await openInvitation(browser, newcomer.email);
  await newcomerPage.getByLabel('Your e-mail').fill(newcomer.email);
  await newcomerPage.getByRole('button', { name: 'Sign up for a cloud account' }).click();
  await newcomerPage.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(newcomerPage.getByRole('heading', { name: 'Invitation accepted', level: 1 })).toBeVisible();
  await checkScreen(newcomerPage, 'invitation-accepted');

  // The owner signs in to its existing cloud account and accepts.
  const ownerPage = await openInvitation(browser, owner.email);
  await ownerPage.getByLabel('Cloud account id').fill(owner.accountId);
  await ownerPage.getByRole('button', { name: 'Sign in to the cloud console' }).click();
  await ownerPage.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(ownerPage.getByRole('heading', { name: 'Invitation accepted', level: 1 })).toBeVisible();

  // The partner sees both active, each with a balance and its account.
  await page.reload();
  for (const row of [newcomerRow, ownerRow]) {
    await expect(row).toContainText('Active');
    await expect(row).toContainText('₽');
  }
  await expect(newcomerRow).not.toContainText('set when accepted');
  await expect(ownerRow).toContainText(owner.accountId);

  // Select both → Block → the preview → confirm → the results.
  await page.getByRole('checkbox', { name: `Select ${newcomer.name}` }).check();
  await page.getByRole('checkbox', { name: `Select ${owner.name}` }).check();
  const selection = page.getByRole('region', { name: 'Selected clients' });
  await expect(selection).toContainText('2 selected');
  await selection.getByRole('button', { name: 'Block', exact: true }).click();
  const preview = page.getByRole('dialog', { name: 'Block 2 clients?' });
  await expect(preview.getByRole('listitem').filter({ hasText: 'Will be blocked' })).toHaveCount(2);
  // The dialog opens on its primary action once the preview is there.
  await expect(preview.getByRole('button', { name: 'Confirm: block 2 clients' })).toBeFocused();
  await checkScreen(page, 'clients-block-preview');
  await preview.getByRole('button', { name: 'Confirm: block 2 clients' }).click();
  const results = page.getByRole('dialog', { name: 'Block: results' });
  await expect(results.getByRole('status')).toHaveText('2 blocked, 0 skipped, 0 not found, 0 failed.');
  await checkScreen(page, 'clients-block-results');
  await results.getByRole('button', { name: 'Close', exact: true }).click();
  // The result stays on the list after the dialog closes, with the per-client report a click away.
  await expect(page.getByRole('status').filter({ hasText: '2 blocked, 0 skipped, 0 not found, 0 failed.' })).toBeVisible();
  await expect(newcomerRow).toContainText('Blocked');
  await page.getByRole('button', { name: 'Show the per-client report' }).click();
  await expect(page.getByRole('dialog', { name: 'Block: results' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('dialog', { name: 'Block: results' }).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(ownerRow).toContainText('Blocked');

  // The blocked owner cannot sign in to the cloud console.
  await ownerPage.getByRole('button', { name: 'Sign out' }).click();
  await ownerPage.getByLabel('Cloud account id').fill(owner.accountId);
  await ownerPage.getByRole('button', { name: 'Sign in to the cloud console' }).click();
  await expect(ownerPage.getByRole('alert')).toContainText('This login is disabled');

  // Unblock both; the owner can sign in again.
  await page.getByRole('checkbox', { name: `Select ${newcomer.name}` }).check();
  await page.getByRole('checkbox', { name: `Select ${owner.name}` }).check();
  await selection.getByRole('button', { name: 'Unblock' }).click();
  await page.getByRole('dialog', { name: 'Unblock 2 clients?' }).getByRole('button', { name: 'Confirm: unblock 2 clients' }).click();
  await expect(page.getByRole('dialog', { name: 'Unblock: results' }).getByRole('status')).toHaveText('2 unblocked, 0 skipped, 0 not found, 0 failed.');
  await page.getByRole('dialog', { name: 'Unblock: results' }).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(ownerRow).toContainText('Active');
  await ownerPage.getByRole('button', { name: 'Sign in to the cloud console' }).click();
  await expect(ownerPage.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Delete one from its row menu.
  await page.getByRole('button', { name: `Actions for ${owner.name} (${owner.email})` }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const deletion = page.getByRole('dialog', { name: 'Delete 1 client?' });
  await expect(deletion.getByRole('listitem')).toHaveText(`${owner.name} (${owner.email}): Will be deleted`);
  await deletion.getByRole('button', { name: 'Confirm: delete 1 client' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete: results' }).getByRole('status')).toHaveText('1 deleted, 0 skipped, 0 not found, 0 failed.');
  await page.getByRole('dialog', { name: 'Delete: results' }).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(ownerRow).toBeHidden();
  await expect(newcomerRow).toContainText('Active');
  for (const problems of inviteeAnswers) expect(await problems()).toEqual([]);
});
