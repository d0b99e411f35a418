/**
 * Journey: the demo partner opens a client's page and edits its name and phone in a dialog that
 * opens on its first field, checks the phone in the browser (focus on the field in error, plain
 * words), saves, gives focus back to the Edit button, shows the new name; the History tab names
 * the change with both values and the person who made it.
 */
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { staffToken, suiteStack, uniqueEmail } from './support/suiteStack';
import { expect, test } from './support/test';

test('a partner edits a client\'s name and phone from its page and reads the change in its history', async ({ page }) => {
  const { apiUrl, partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const added = await call(apiUrl, 'POST', '/clients', { token, body: { email: uniqueEmail('edit'), name: 'Oleg Sidorov' } });
  expect(added.status).toBe(201);

  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  // The newest client is at the top of the list.
  await page.getByRole('link', { name: 'Oleg Sidorov', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/en/clients/${added.body.id}`));
  await expect(page.getByRole('heading', { name: 'Oleg Sidorov', level: 1 })).toBeVisible();

  const edit = page.getByRole('button', { name: 'Edit details' });
  await edit.click();
  const dialog = page.getByRole('dialog', { name: 'Edit client details' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expect(dialog.getByLabel('Name')).toHaveValue('Oleg Sidorov');
  // Filled as autofill does, both fields in one go before the dialog renders again: neither is lost.
  await dialog.locator('form').evaluate((form) => {
    for (const [name, value] of [['name', 'Oleg Sidorov-Vodkin'], ['phone', '12-34']] as const) {
      const input = (form as unknown as { querySelector(selector: string): { value: string; dispatchEvent(event: Event): boolean } | null }).querySelector(`#field-${name}`);
      if (!input) throw new Error(`no field ${name}`);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await expect(dialog.getByLabel('Name')).toHaveValue('Oleg Sidorov-Vodkin');
  await expect(dialog.getByLabel('Phone')).toHaveValue('12-34');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Phone')).toBeFocused();
  await expect(dialog.getByText('Enter a phone number in international format', { exact: false })).toBeVisible();
  await checkScreen(page, 'client-edit-invalid');

  // Whatever the API still refuses comes back by field in plain words, never in the schema's wording.
  await dialog.getByLabel('Phone').fill('+7 (495) 765-43-21');
  for (const field of ['name', 'phone']) {
    await page.route(/\/clients\/cli_[^/?]+$/, async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      // Answer first, unroute after: removing the last route turns interception off, which lets a
      // request still waiting for its handler through to the real API.
      await route.fulfill({
        status: 400, contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-request-id', 'x-request-id': 'test' },
        body: JSON.stringify({ error: { code: 'validation_failed', message: 'Invalid body', requestId: 'test',
          details: { issues: [{ path: `body.${field}`, message: 'Too small: expected string to have >=1 characters' }] } } }),
      });
      await page.unroute(/\/clients\/cli_[^/?]+$/);
    });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator(`#field-${field}`)).toBeFocused();
    await expect(dialog.locator(`#field-${field}-error`)).not.toHaveText('Check this field.');
    await expect(dialog).not.toContainText('Too small');
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Oleg Sidorov-Vodkin', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Details saved.' })).toBeVisible();
  await expect(page.getByText('+74957654321')).toBeVisible();
  await checkScreen(page, 'client-edited');

  // Saving the same values sends nothing and changes nothing.
  await edit.click();
  await page.getByRole('dialog', { name: 'Edit client details' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('region', { name: /audit|history/i }).or(page.locator('table')).first();
  const editRow = history.getByRole('row').filter({ hasText: 'Details changed' });
  await expect(editRow).toHaveCount(1);
  await expect(editRow).toContainText('Name: Oleg Sidorov → Oleg Sidorov-Vodkin');
  await expect(editRow).toContainText('Phone: not set → +74957654321');
  await expect(editRow).toContainText(partnerEmail);
  await checkScreen(page, 'client-history-edit');
});
