/**
 * Journey: the demo partner's clients list counts its clients per status in the status toggles
 * (the counts the API keeps, `GET /clients/summary`), shows several statuses at once (kept in the
 * address), says where the page is ("1–20 of N"), and shows the clients that need attention with why.
 */
import type { ClientItem } from '../../web/src/api/types';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { apiGet, staffToken, suiteStack, uniqueEmail } from './support/suiteStack';
import { expect, test } from './support/test';

type Summary = { counts: Record<'invited' | 'active' | 'blocked' | 'declined' | 'cancelled' | 'expired', number>; total: number };

test('the clients list counts each status, shows several at once and says "1–20 of N"', async ({ page }) => {
  const { apiUrl, partnerEmail } = suiteStack();
  const token = await staffToken(partnerEmail);
  const before = await apiGet<Summary>('/clients/summary', token);
  const added = await call(apiUrl, 'POST', '/clients', { token, body: { email: uniqueEmail('counted'), name: 'Counted Client' } });
  await call(apiUrl, 'POST', `/clients/${added.body.id}/invitation/cancel`, { token });
  // The counts follow the clients through the change stream: wait until they show the cancellation (at least: an
  // earlier journey's change may still be on its way, so the count can pass it; the screen is held to what is read next).
  await expect.poll(async () => (await apiGet<Summary>('/clients/summary', token)).counts.cancelled).toBeGreaterThanOrEqual(before.counts.cancelled + 1);
  const summary = await apiGet<Summary>('/clients/summary', token);

  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const statuses = page.getByRole('group', { name: 'Status' });
  for (const [status, word] of [['invited', 'Invited'], ['active', 'Active'], ['cancelled', 'Cancelled'], ['expired', 'Expired']] as const) {
    await expect(statuses.getByRole('checkbox', { name: `${word} (${summary.counts[status]})` })).toBeVisible();
  }
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText(`1–${Math.min(20, summary.total)} of ${summary.total}`);
  await checkScreen(page, 'clients-counts');

  await statuses.getByRole('checkbox', { name: /^Active/ }).check();
  await statuses.getByRole('checkbox', { name: /^Cancelled/ }).check();
  await expect(page).toHaveURL(/status=active%2Ccancelled|status=active,cancelled/);
  const table = page.getByRole('region', { name: 'Your clients' });
  const shown = summary.counts.active + summary.counts.cancelled;
  await expect(pages).toContainText(`1–${Math.min(20, shown)} of ${shown}`);
  const listed = await apiGet<{ items: ClientItem[] }>('/clients?status=active,cancelled&limit=20', token);
  await expect(table.locator('tbody tr')).toHaveCount(listed.items.length);
  for (const status of await table.locator('tbody td.c-status').allInnerTexts()) expect(['Active', 'Cancelled']).toContain(status.trim());
  await expect(table.getByRole('link', { name: 'Counted Client' })).toBeVisible();
  await checkScreen(page, 'clients-several-statuses');

  // The address keeps the choice: a reload shows the same statuses.
  await page.reload();
  await expect(statuses.getByRole('checkbox', { checked: true })).toHaveCount(2);
  await expect(pages).toContainText(`of ${shown}`);

  // "Needs attention": the clients the API names (the demo's overdrawn client among them), each with its reasons.
  const attention = await apiGet<{ items: Array<ClientItem & { reasons: string[] }> }>('/clients/attention', token);
  expect(attention.items.some((item) => item.reasons.includes('negative_balance'))).toBe(true);
  const toggle = page.getByRole('button', { name: `Needs attention (${attention.items.length})` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/view=attention/);
  await expect(table.locator('tbody tr')).toHaveCount(attention.items.length);
  const overdrawn = attention.items.find((item) => item.reasons.includes('negative_balance'))!;
  await expect(table.getByRole('row').filter({ hasText: overdrawn.name ?? overdrawn.email })).toContainText('Negative balance');
  await expect(pages).toContainText(`of ${attention.items.length}`);
  await checkScreen(page, 'clients-attention');
  await toggle.click();
  await expect(page).not.toHaveURL(/view=attention/);
});
