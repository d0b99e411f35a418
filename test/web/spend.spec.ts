/**
 * Journey: the demo partner sets a budget with thresholds on an active client from its page (the
 * block at 100 % off, its meaning shown); the billing system posts debits through the local stack
 * and the clock moves, so the client crosses 50 % and then 80 % of the budget; the header's unread
 * count rises, the notifications list shows the crossings and one is marked read; the home screen
 * shows this month's spend, the 90-day chart with its table, and the client among the top spenders;
 * the budgets list and the clients list ordered by spend show the budget and its use; the partner
 * sets its default budget and one budget on a selection of the list, and removes a client's own
 * budget (the default then applies).
 */
import { expect, test } from './support/test';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { showOnlyStatus } from './support/clientFilters';
import type { ClientItem } from '../../web/src/api/types';
import { apiGet, staffToken, suiteStack } from './support/suiteStack';

interface SpendRow { clientId: string; spend: { amount: number } }

let sequence = 0;

/** Posts one debit of the account through `POST /billing-events`, dated a minute before `now` (the stack's clock). */
async function debit(accountId: string, amount: number, now: string): Promise<void> {
  const { apiUrl, billingToken } = suiteStack();
  const event = {
    transactionId: `spend-web-${Date.now()}-${(sequence += 1)}`, accountId, type: 'debit', amount, currency: 'RUB',
    occurredAt: new Date(Date.parse(now) - 60_000).toISOString(), service: 'Compute Cloud',
  };
  const answer = await call(apiUrl, 'POST', '/billing-events', { token: billingToken, body: { events: [event] } });
  expect(answer.status).toBe(200);
  expect(answer.body.results.filter((each: { status: string }) => each.status === 'rejected')).toEqual([]);
}

/** Moves the stack's clock forward; answers its time now. */
async function moveClock(hours: number): Promise<string> {
  const answer = await call(suiteStack().apiUrl, 'POST', '/__local/clock', { body: { advanceHours: hours } });
  expect(answer.status).toBe(200);
  return answer.body.now as string;
}

async function unread(token: string): Promise<number> {
  return (await apiGet<{ unread: number }>('/notifications/unread-count', token)).unread;
}

test('a threshold crossed by billing events alerts the partner in the header and the notifications, and the home screen shows the spend', async ({ page }) => {
  test.slow();
  const { partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const { items } = await apiGet<{ items: ClientItem[] }>('/clients?status=active', token);
  const client = items.find((each) => each.balance?.currency === 'RUB' && each.accountId) ?? items[0]!;
  // This Moscow month's spend so far, on the stack's clock: the budget puts 50 % just above it.
  let now = await moveClock(0.01);
  const bySpend = await apiGet<{ items: SpendRow[] }>('/portfolio/clients?order=spend&limit=100', token);
  const spent = bySpend.items.find((row) => row.clientId === client.id)?.spend.amount ?? 0;
  const budget = 2 * (spent + 10_000);
  const unreadBefore = await unread(token);

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await showOnlyStatus(page, 'Active');
  await page.getByRole('link', { name: client.name ?? client.email, exact: true }).click();
  await page.getByRole('tab', { name: 'Budget' }).click();
  await expect(page).toHaveURL(/tab=budget/);
  await page.getByRole('button', { name: /^(Set budget|Change budget)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Monthly amount/).fill(String(budget / 100));
  // A new budget starts with 50, 80 and 100 % of actual spend; the block is off, its meaning in plain words beside it.
  await expect(dialog.getByLabel('Threshold 1, % of the budget')).toHaveValue(/\d+/);
  await dialog.getByLabel('Threshold 1, % of the budget').fill('50');
  await dialog.getByLabel('Threshold 2, % of the budget').fill('80');
  await dialog.getByLabel('Threshold 3, % of the budget').fill('100');
  await dialog.getByRole('button', { name: 'Add threshold' }).click();
  await dialog.getByLabel('Threshold 4, % of the budget').fill('100');
  await dialog.getByLabel('Threshold 4 is on').selectOption('forecast');
  await dialog.getByLabel('More addresses to alert').fill('cfo@spend-web.example');
  const block = dialog.getByRole('checkbox', { name: /Block the client's console sign-in at 100 %/ });
  await expect(block).not.toBeChecked();
  await expect(dialog.getByText(/Its resources keep running/)).toBeVisible();
  await checkScreen(page, 'budget-form');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Budget saved.' })).toBeVisible();
  await expect(page.getByText('This client has its own budget.')).toBeVisible();
  const stored = await apiGet<{ budget: { amount: { amount: number }; thresholds: unknown[]; blockAtLimit: boolean } }>(`/clients/${client.id}/budget`, token);
  expect(stored.budget).toMatchObject({ amount: { amount: budget }, blockAtLimit: false });
  expect(stored.budget.thresholds).toHaveLength(4);
  await checkScreen(page, 'client-budget');

  // The billing system records spend past 50 %; an hour later, past 80 %.
  await debit(client.accountId!, 15_000, now);
  now = await moveClock(1);
  await debit(client.accountId!, Math.ceil(budget * 0.8) - spent - 15_000 + 100, now);
  const unreadAfter = await unread(token);
  expect(unreadAfter).toBeGreaterThanOrEqual(unreadBefore + 2);

  // A change of screen reads the count again: the header shows it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const notificationsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ });
  await expect(notificationsLink).toHaveAccessibleName(new RegExp(`^Notifications\\s*${unreadAfter} unread`));
  const list = page.getByRole('region', { name: 'Your notifications, newest first' });
  const clientName = client.name ?? client.email;
  const eighty = list.getByRole('row').filter({ hasText: clientName }).filter({ hasText: 'Reached 80 % of the budget (actual spend)' });
  await expect(eighty).toHaveCount(1);
  await expect(list.getByRole('row').filter({ hasText: clientName }).filter({ hasText: 'Reached 50 % of the budget (actual spend)' })).toHaveCount(1);
  await checkScreen(page, 'notifications');
  await eighty.getByRole('button', { name: /^Mark as read/ }).click();
  await expect(eighty).toContainText('Read');
  await expect(notificationsLink).toHaveAccessibleName(new RegExp(`^Notifications\\s*${unreadAfter - 1} unread`));
  expect(await unread(token)).toBe(unreadAfter - 1);

  // Home: this month's spend, the 90-day chart with its table, the client among the top spenders and what needs attention.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByText('This month so far')).toBeVisible();
  await expect(page.getByRole('img', { name: /Daily spend over the last 90 days/ }).locator('canvas')).toBeVisible();
  await expect(page.getByText(/days? with spend, .* in all; the highest day/)).toBeVisible();
  // Today (debited above) is not over: said in words, left out of the line, marked in the table.
  await expect(page.getByText(/^Today is not over yet: .+ so far, not drawn on the chart\.$/)).toBeVisible();
  const chart = page.getByRole('img', { name: /Daily spend over the last 90 days/ });
  const plot = await chart.locator('.u-over').boundingBox();
  const spendValue = chart.locator('.u-legend .u-series').nth(1).locator('.u-value');
  await page.mouse.move(plot!.x + plot!.width - 1, plot!.y + plot!.height / 2);
  await expect(spendValue).toHaveText('—');
  await page.mouse.move(plot!.x + plot!.width * 0.9, plot!.y + plot!.height / 2);
  await expect(spendValue).toHaveText(/\d/);
  await page.getByText('Show as a table').click();
  await expect(page.getByRole('region', { name: /Daily spend over the last 90 days, .* \(table\)/ }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('region', { name: /Daily spend over the last 90 days, .* \(table\)/ }).getByRole('row').nth(1)).toContainText('so far');
  await expect(page.getByRole('region', { name: 'Top spenders this month' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Needs attention' }).getByRole('link', { name: clientName }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Clients per status' })).toContainText('Active');
  await checkScreen(page, 'home');

  // The budgets list has the client's budget; the clients list orders by spend with its budget use.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' }).click();
  await expect(page.getByRole('region', { name: 'Your budgets' }).getByRole('link', { name: clientName })).toBeVisible();
  await checkScreen(page, 'budgets');
  // The default budget applies to every client without its own.
  await page.getByRole('button', { name: /^(Set|Change) default budget$/ }).click();
  const defaults = page.getByRole('dialog', { name: /default budget$/ });
  await defaults.getByLabel(/Monthly amount/).fill('1 000');
  await defaults.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Default budget' })).toContainText('₽1,000.00');
  expect((await apiGet<{ items: Array<{ scope: string; amount: { amount: number } }> }>('/budgets?limit=100', token)).items)
    .toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'default', amount: expect.objectContaining({ amount: 100_000 }) })]));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('Order').selectOption('spend');
  const row = page.getByRole('region', { name: 'Your clients by spend' }).getByRole('row').filter({ hasText: clientName });
  await expect(row).toContainText(/8\d %|9\d %|100 %/);
  await checkScreen(page, 'clients-by-spend');

  // A budget for a selection of the list: the same budget on each selected client.
  const others = items.filter((each) => each.id !== client.id && each.name).slice(0, 2);
  await page.getByLabel('Order').selectOption('');
  await showOnlyStatus(page, 'Active');
  for (const other of others) await page.getByRole('checkbox', { name: `Select ${other.name} (${other.email})` }).check();
  await page.getByRole('region', { name: 'Selected clients' }).getByRole('button', { name: `Budget for ${others.length} clients` }).click();
  const selectionForm = page.getByRole('dialog', { name: `Budget for ${others.length} clients` });
  await selectionForm.getByLabel(/Monthly amount/).fill('2500,50');
  await selectionForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Budget set on ${others.length} clients` })).toBeVisible();
  for (const other of others) {
    expect((await apiGet<{ inherited: boolean; budget: { amount: { amount: number } } }>(`/clients/${other.id}/budget`, token)))
      .toMatchObject({ inherited: false, budget: { amount: { amount: 250_050 } } });
  }

  // Removing a client's own budget leaves the default to apply to it.
  await page.getByRole('link', { name: others[0]!.name!, exact: true }).click();
  await page.getByRole('tab', { name: 'Budget' }).click();
  await page.getByRole('button', { name: 'Remove budget' }).click();
  await page.getByRole('dialog', { name: 'Remove the budget?' }).getByRole('button', { name: 'Remove budget' }).click();
  await expect(page.getByText('Your default budget applies to this client.')).toBeVisible();
});
