/**
 * Journey (issue 33): the demo partner's owner opens API keys, creates a key with `clients:read`,
 * sees its value once, finds it in the list with its prefix and scopes, and revokes it after the
 * confirmation; the screen passes axe in both languages at both widths.
 */
import { expect, test } from './support/test';
import { checkScreen } from './support/checkScreen';
import { suiteStack } from './support/suiteStack';

test('an owner creates an API key, sees it once, and revokes it', async ({ page }) => {
  const { partnerEmail } = suiteStack();
  const name = `CRM ${Date.now().toString(36)}`;
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();

  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel('Valid for').selectOption('90');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Copy the key now: it is shown only this once.')).toBeVisible();
  const shown = await page.locator('.notice code').textContent();
  expect(shown).toMatch(/^pdk_key_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('button', { name: 'Copy the key' })).toBeVisible();
  await checkScreen(page, 'api-keys-created');

  await page.getByRole('button', { name: 'I have stored it' }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row).toContainText(shown!.slice(0, 'pdk_key_'.length + 32));
  await expect(row).toContainText('clients:read');
  await expect(row).toContainText('Active');
  await expect(page.getByText(shown!)).toHaveCount(0);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog', { name: 'Revoke the key?' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  await checkScreen(page, 'api-keys');
});
