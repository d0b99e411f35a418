/**
 * Journey: the demo partner opens an active client's balance; the Detail tab shows the seeded
 * billing per Moscow day (one day's figures checked against the API), the Expenses tab loads its
 * chart lazily and shows the per-service totals of the API.
 */
import { expect, test } from './support/test';
import type { BalanceDetail, ClientItem, Expenses } from '../../web/src/api/types';
import { formatMoney } from '../../web/src/ui/money';
import { moscowDay } from '../../web/src/ui/moscowTime';
import { checkScreen } from './support/checkScreen';
import { apiGet, staffToken, suiteStack } from './support/suiteStack';

/** The previous calendar month in Moscow time: the seed has billing on every day of it. */
function previousMoscowMonth(): { from: string; to: string } {
  const firstOfThisMonth = `${moscowDay(new Date()).slice(0, 8)}01`;
  const lastOfPrevious = new Date(Date.parse(`${firstOfThisMonth}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: `${lastOfPrevious.slice(0, 8)}01`, to: lastOfPrevious };
}

test('a partner reads an active client\'s balance per Moscow day and its expenses on services', async ({ page }) => {
  const { partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const { items } = await apiGet<{ items: ClientItem[] }>('/clients?status=active', token);
  const client = items[0]!;
  const period = previousMoscowMonth();
  const detail = await apiGet<BalanceDetail>(`/clients/${client.id}/balance/detail?from=${period.from}&to=${period.to}`, token);
  const expenses = await apiGet<Expenses>(`/clients/${client.id}/expenses?from=${period.from}&to=${period.to}`, token);
  const busyDay = detail.days.find((day) => day.debits.amount > 0 && day.deposits.amount > 0) ?? detail.days.find((day) => day.debits.amount > 0)!;

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await page.getByLabel('Status').selectOption('active');
  await expect(page).toHaveURL(/status=active/);
  await page.getByRole('button', { name: `Actions for ${client.name} (${client.email})` }).click();
  await page.getByRole('menuitem', { name: 'Balance' }).click();

  await expect(page.getByRole('heading', { name: `Balance of ${client.name}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Current balance')).toBeVisible();
  // The period defaults to the current month in Moscow time.
  await expect(page.getByLabel('From')).toHaveValue(`${moscowDay(new Date()).slice(0, 8)}01`);
  await page.getByLabel('From').fill(period.from);
  await page.getByLabel('To').fill(period.to);
  await expect(page).toHaveURL(new RegExp(`from=${period.from}.*to=${period.to}|to=${period.to}.*from=${period.from}`));

  const dayRow = page.getByRole('region', { name: 'Balance per Moscow day' }).getByRole('row', { name: new RegExp(`^${busyDay.day}`) });
  for (const figure of [busyDay.opening, busyDay.debits, busyDay.deposits, busyDay.withdrawals, busyDay.closing]) {
    await expect(dayRow).toContainText(formatMoney(figure));
  }
  const movements = page.getByRole('region', { name: 'Deposits and withdrawals' });
  await expect(movements.getByRole('row')).toHaveCount(detail.movements.length + 1);
  await checkScreen(page, 'balance-detail');

  await page.getByRole('tab', { name: 'Expenses on services' }).click();
  await expect(page).toHaveURL(/tab=expenses/);
  await expect(page.getByText(`Total expenses: ${formatMoney(expenses.total)}`)).toBeVisible();
  const chart = page.getByRole('img', { name: /Expenses per service and day/ });
  await expect(chart.locator('canvas')).toBeVisible();
  const perService = page.getByRole('region', { name: 'Expenses per service' });
  for (const service of expenses.services) {
    await expect(perService.getByRole('row', { name: new RegExp(`^${service.service} `) })).toContainText(formatMoney(service.total));
  }
  await checkScreen(page, 'balance-expenses');
});
