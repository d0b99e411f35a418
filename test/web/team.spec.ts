/**
 * Journey: the demo partner's owner invites a finance member and a sales member from the Team
 * screen and changes a role; the sales member (signed in in its own browser) adds a client and sees only it, with no
 * navigation to spend, audit or team; the finance member sees balances but no Add client and no
 * Block; the owner assigns another client to the sales member from the clients list's selection;
 * the owner removes the sales member, whose next request is refused and shown as a clear message
 * on the screen it is on.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test, watchApiAnswers } from './support/test';
import { checkScreen } from './support/checkScreen';
import { showOnlyStatus } from './support/clientFilters';
import type { ClientItem } from '../../web/src/api/types';
import { apiGet, staffToken, suiteStack, uniqueEmail } from './support/suiteStack';

/** A page of a browser of its own (its own session), signed in as `email`; answers its page and the check of its API answers. */
async function signedInElsewhere(browser: Browser, email: string): Promise<{ page: Page; answers: () => Promise<string[]> }> {
  const context = await browser.newContext({ baseURL: suiteStack().consoleUrl, locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  const answers = watchApiAnswers(context);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  return { page, answers };
}

async function invite(page: Page, email: string, role: string): Promise<void> {
  await page.getByRole('button', { name: 'Invite a colleague' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a colleague' });
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Role').selectOption({ label: role });
  await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${email} is invited` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Members of your team' }).getByRole('row').filter({ hasText: email })).toContainText(role);
}

test('an owner builds a team; sales sees only its clients, finance balances without Block; a removed member is refused', async ({ page, browser }) => {
  test.slow();
  const { partnerEmail } = suiteStack();
  const financeEmail = uniqueEmail('finance');
  const salesEmail = uniqueEmail('sales');

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Members of your team' }).getByRole('row').filter({ hasText: partnerEmail })).toContainText('Owner');
  await page.getByRole('button', { name: 'Invite a colleague' }).click();
  await page.getByRole('dialog').getByLabel('Role').selectOption({ label: 'Finance' });
  await expect(page.getByRole('dialog').getByText('Balances, expenses, budgets, exports, audit; no changes to clients.')).toBeVisible();
  await checkScreen(page, 'team-invite');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await invite(page, financeEmail, 'Finance');
  await invite(page, salesEmail, 'Sales');
  await checkScreen(page, 'team');
  // A role changes from the member's menu (and back).
  for (const role of ['Operations', 'Finance']) {
    await page.getByRole('button', { name: `Actions for ${financeEmail}` }).click();
    await page.getByRole('menuitem', { name: 'Change role' }).click();
    await page.getByRole('dialog', { name: `Change the role of ${financeEmail}` }).getByLabel('Role').selectOption({ label: role });
    await page.getByRole('dialog').getByRole('button', { name: 'Save role' }).click();
    await expect(page.getByRole('region', { name: 'Members of your team' }).getByRole('row').filter({ hasText: financeEmail })).toContainText(role);
  }

  // The sales member adds a client and sees only the clients it added; spend, audit and team are not offered.
  const sales = await signedInElsewhere(browser, salesEmail);
  const nav = sales.page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Clients']);
  const clientEmail = uniqueEmail('sales-client');
  // With no client yet, the empty list offers Add client too: the header's button is the first.
  await sales.page.getByRole('button', { name: 'Add client' }).first().click();
  await sales.page.getByRole('dialog').getByLabel('E-mail').fill(clientEmail);
  await sales.page.getByRole('dialog').getByLabel('Name').fill('Lena Sales');
  await sales.page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
  const salesToken = await staffToken(salesEmail);
  await expect.poll(async () => (await apiGet<{ items: ClientItem[] }>('/clients', salesToken)).items.map((each) => each.email)).toEqual([clientEmail]);
  const salesRows = sales.page.getByRole('region', { name: 'Your clients' }).getByRole('row');
  await expect(salesRows).toHaveCount(2);
  await expect(salesRows.nth(1)).toContainText('Lena Sales');
  await sales.page.getByRole('button', { name: /^Actions for Lena Sales/ }).click();
  await expect(sales.page.getByRole('menuitem')).toHaveText(['Open', 'Resend invitation', 'Cancel invitation']);
  await sales.page.keyboard.press('Escape');
  await checkScreen(sales.page, 'clients-sales');

  // The finance member sees every client's balance, and neither Add client nor Block.
  const finance = await signedInElsewhere(browser, financeEmail);
  await expect(finance.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' })).toHaveCount(0);
  await expect(finance.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await showOnlyStatus(finance.page, 'Active');
  const financeRows = finance.page.getByRole('region', { name: 'Your clients' }).getByRole('row');
  await expect(financeRows.nth(1).locator('td.c-balance')).toContainText('₽');
  await expect(finance.page.getByRole('button', { name: 'Add client' })).toHaveCount(0);
  await financeRows.nth(1).getByRole('button', { name: /^Actions for/ }).click();
  await expect(finance.page.getByRole('menuitem', { name: 'Open' })).toBeVisible();
  await expect(finance.page.getByRole('menuitem', { name: 'Block' })).toHaveCount(0);
  await finance.page.keyboard.press('Escape');
  await financeRows.nth(1).getByRole('checkbox').check();
  await expect(finance.page.getByRole('region', { name: 'Selected clients' }).getByRole('button', { name: 'Block' })).toHaveCount(0);
  await checkScreen(finance.page, 'clients-finance');

  // The owner assigns one more client to the sales member from the clients list's selection: sales sees it too.
  const { items: active } = await apiGet<{ items: ClientItem[] }>('/clients?status=active', await staffToken(partnerEmail));
  const assigned = active.find((each) => each.name)!;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await showOnlyStatus(page, 'Active');
  await page.getByRole('checkbox', { name: `Select ${assigned.name} (${assigned.email})` }).check();
  await page.getByRole('region', { name: 'Selected clients' }).getByRole('button', { name: 'Assign to sales' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign 1 client to a sales member' });
  await assign.getByLabel('Sales member').selectOption({ label: salesEmail });
  await checkScreen(page, 'assign-to-sales');
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assigned 1 client; not found: 0.' })).toBeVisible();
  await expect.poll(async () => (await apiGet<{ items: ClientItem[] }>('/clients', salesToken)).items.map((each) => each.email).sort())
    .toEqual([clientEmail, assigned.email].sort());

  // The owner removes the sales member; its next request is refused and said in words, on the screen it is on.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await page.getByRole('button', { name: `Actions for ${salesEmail}` }).click();
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: `Remove ${salesEmail} from the team?` }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${salesEmail} is no longer a member.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Members of your team' }).getByRole('row').filter({ hasText: salesEmail })).toHaveCount(0);
  await sales.page.getByLabel('Search').fill('lena');
  await expect(sales.page.getByRole('alert')).toHaveText("You are no longer a member of this partner's team. Ask its owner or an admin to invite you again.");
  await expect(sales.page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await checkScreen(sales.page, 'member-removed');

  for (const other of [sales, finance]) {
    await other.page.context().close();
    expect(await other.answers()).toEqual([]);
  }
});
