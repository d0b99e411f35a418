/**
 * The public form is in its HTML (issue 28: its first paint waits for no script): in the address's
 * language, readable without JavaScript, not sendable before the script has come; the console then
 * renders over the same elements (nothing is painted anew) and keeps what was typed meanwhile.
 */
import { expect, test } from './support/test';

test('the public form comes in its HTML in the language of its address, and cannot be sent before the script', async ({ browser, request }) => {
  const english = await (await request.get('/en/contact-sales')).text();
  expect(english).toContain('<html lang="en">');
  expect(english).toContain('<title>Contact sales · partnerdesk</title>');
  expect(english).toContain('<h1 tabindex="-1">Become a partner</h1>');
  expect(english).not.toContain('rel="modulepreload"');
  const russian = await (await request.get('/ru/contact-sales/')).text();
  expect(russian).toContain('<html lang="ru">');
  expect(russian).toContain('<h1 tabindex="-1">Станьте партнёром</h1>');
  // The sign-in page too, as the local stand-in offers it; every other screen is index.html, which the script fills.
  expect(await (await request.get('/en/sign-in')).text()).toContain('Sign in as partner@partnerdesk.local');
  expect(await (await request.get('/en/clients')).text()).toContain('<p class="loading">');

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/contact-sales');
  await expect(page.getByRole('heading', { name: 'Become a partner', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Your name')).toBeEditable();
  await expect(page.getByRole('button', { name: 'Send application' })).toBeDisabled();
  await page.goto('/en/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in as partner@partnerdesk.local' })).toBeDisabled();
  await context.close();
});

test('the console renders over the prerendered form: the same elements, and what was typed before it came', async ({ page }) => {
  // The console's chunks are held until the visitor has typed into the HTML's form.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/assets/chunk-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/en/contact-sales');
  await page.getByLabel('Your name').fill('Ann Lee');
  await page.getByLabel('Message').fill('We resell cloud.');
  await page.locator('h1').evaluate((heading) => Object.assign(heading, { seen: true }));
  await expect(page.getByRole('button', { name: 'Send application' })).toBeDisabled();
  release();

  await expect(page.getByRole('button', { name: 'Send application' })).toBeEnabled();
  expect(await page.locator('h1').evaluate((heading) => (heading as unknown as { seen?: boolean }).seen)).toBe(true);
  await expect(page.getByLabel('Your name')).toHaveValue('Ann Lee');
  await expect(page.getByLabel('Message')).toHaveValue('We resell cloud.');
  // The form's state has the typed text: sent, only the empty fields are marked.
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Message')).not.toHaveAttribute('aria-invalid', 'true');
});
