/**
 * Journey: the demo partner opens an active client's page from its row; the profile shows its
 * account with a copy button; the Detail tab shows the seeded billing per Moscow day (one day's
 * figures checked against the API) for a preset or typed period; a period over 366 days is refused
 * on its field; the Expenses tab loads its chart lazily, shows the per-service totals of the API
 * by display name, groups by week and month, and exports CSV.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import type { BalanceDetail, ClientItem, Expenses } from '../../web/src/api/types';
import { formatDay, formatMoney } from '../../web/src/i18n/format';
import { serviceName } from '../../web/src/screens/Client/serviceName';
import { moscowDay, presetPeriod } from '../../web/src/ui/moscowTime';
import { checkScreen } from './support/checkScreen';
import { showOnlyStatus } from './support/clientFilters';
import { apiGet, staffToken, suiteStack } from './support/suiteStack';

test('a partner opens a client\'s page and reads its balance per Moscow day and its expenses on services', async ({ page }) => {
  // Seven screens, each checked in two languages at two widths.
  test.slow();
  const { partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const { items } = await apiGet<{ items: ClientItem[] }>('/clients?status=active', token);
  const client = items[0]!;
  const period = presetPeriod('lastMonth', moscowDay(new Date()));
  const detail = await apiGet<BalanceDetail>(`/clients/${client.id}/balance/detail?from=${period.from}&to=${period.to}`, token);
  const expenses = await apiGet<Expenses>(`/clients/${client.id}/expenses?from=${period.from}&to=${period.to}`, token);
  const busyDay = detail.days.find((day) => day.debits.amount > 0 && day.deposits.amount > 0) ?? detail.days.find((day) => day.debits.amount > 0)!;

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await showOnlyStatus(page, 'Active');
  await expect(page).toHaveURL(/status=active/);
  await page.getByRole('link', { name: client.name! }).click();

  await expect(page.getByRole('heading', { name: client.name!, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Profile' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: `Copy ${client.accountId}` })).toBeVisible();
  await expect(page.getByText(/as of .* Moscow time/)).toBeVisible();
  await checkScreen(page, 'client-profile');

  await page.getByRole('tab', { name: 'Detail' }).click();
  // The period defaults to the current month in Moscow time, written as the page's language writes days.
  await expect(page.getByLabel('From')).toHaveValue(formatDay(`${moscowDay(new Date()).slice(0, 8)}01`, 'en'));
  await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Last month' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${period.from}.*to=${period.to}`));

  const dayRow = page.getByRole('region', { name: 'Balance per Moscow day' }).getByRole('row', { name: new RegExp(`^${formatDay(busyDay.day, 'en')}`) });
  for (const figure of [busyDay.opening, busyDay.debits, busyDay.deposits, busyDay.withdrawals, busyDay.closing]) {
    await expect(dayRow).toContainText(formatMoney(figure, 'en'));
  }
  const movements = page.getByRole('region', { name: 'Deposits and withdrawals' });
  await expect(movements.getByRole('row')).toHaveCount(detail.movements.length + 1);
  await checkScreen(page, 'client-detail');
  const detailCsv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect(readFileSync(await (await detailCsv).path(), 'utf8').split('\r\n')).toHaveLength(detail.days.length + 2);

  // Typed days in the page's format; a period over 366 days is refused on its field, with the limit.
  await page.getByLabel('From').fill('01/01/2020');
  await page.getByLabel('From').press('Enter');
  await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A period is at most 366 days.')).toBeVisible();
  await checkScreen(page, 'client-detail-period-too-long');
  await page.getByLabel('From').fill(formatDay(period.from, 'en'));
  await page.getByLabel('From').press('Enter');
  await expect(page.getByLabel('From')).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('tab', { name: 'Expenses on services' }).click();
  await expect(page).toHaveURL(/tab=expenses/);
  await expect(page.getByText(`Total expenses: ${formatMoney(expenses.total, 'en')}`)).toBeVisible();
  const chart = page.getByRole('img', { name: /Expenses per service/ });
  await expect(chart.locator('canvas')).toBeVisible();
  const perService = page.getByRole('region', { name: 'Expenses per service' });
  for (const service of expenses.services) {
    await expect(perService.getByRole('row', { name: new RegExp(`^${serviceName(service.service, 'en')} `) })).toContainText(formatMoney(service.total, 'en'));
  }
  await checkScreen(page, 'client-expenses');
  await page.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByRole('region', { name: /Expenses per week/ }).getByRole('row').nth(1)).toContainText('–');
  await page.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Month' }).click();
  await expect(page.getByRole('region', { name: /Expenses per calendar month/ }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('region', { name: /Expenses per calendar month/ })).toContainText(formatMoney(expenses.total, 'en'));
  await checkScreen(page, 'client-expenses-month');

  // This month's figures run to today: today is marked as partial and left out of the chart's lines.
  await page.getByRole('button', { name: 'This month' }).click();
  await page.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Day' }).click();
  await expect(page.getByText('Today is not over yet')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Expenses per Moscow day' }).getByRole('row').nth(1)).toContainText('so far');
});
