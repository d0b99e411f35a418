/**
 * A screen opened by its address has its first reads started by the entry, beside `/me` and its chunk
 * (`web/src/api/early.ts`): the screen takes those answers instead of asking again, so each read goes
 * out once, and before the screen's own chunk has come; a later visit of the same screen inside the
 * console reads anew, never an old answer.
 */
import type { Page } from '@playwright/test';
import { holdScreenChunks } from './support/screenChunks';
import { apiGet, staffToken, suiteStack } from './support/suiteStack';
import { expect, test } from './support/test';

/** Every GET the page sends to the API, as path and query. */
function apiReads(page: Page): string[] {
  const api = suiteStack().apiUrl;
  const reads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().startsWith(api)) reads.push(request.url().slice(api.length));
  });
  return reads;
}

const DAY_MS = 24 * 60 * 60 * 1000;

test('each screen opened by its address asks for its data once, and a later visit asks again', async ({ page }) => {
  const { partnerEmail } = suiteStack();
  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const token = await staffToken(partnerEmail);
  const active = (await apiGet<{ items: { id: string }[] }>('/clients?status=active&limit=1', token)).items[0]!.id;
  const reads = apiReads(page);
  const times = (read: string) => reads.filter((each) => each === read).length;

  // The entry asks for Home's portfolio while Home's own chunk has not come yet.
  const releaseHome = await holdScreenChunks(page, '/en/home');
  const portfolioAsked = page.waitForRequest((request) => request.url().endsWith('/portfolio'), { timeout: 15_000 });
  await page.goto('/en/home');
  await portfolioAsked;
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeHidden();
  await releaseHome();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(times('/portfolio')).toBe(1);

  const from = new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  const address = `/en/clients/${active}?tab=detail&from=${from}&to=${to}`;
  const releaseClient = await holdScreenChunks(page, address);
  const detailAsked = page.waitForRequest((request) => request.url().includes(`/clients/${active}/balance/detail?`), { timeout: 15_000 });
  await page.goto(address);
  await detailAsked;
  await releaseClient();
  await expect(page.getByRole('heading', { name: 'Per day' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(times(`/clients/${active}`)).toBe(1);
  expect(times(`/clients/${active}/balance`)).toBe(1);
  expect(times(`/clients/${active}/balance/detail?from=${from}&to=${to}`)).toBe(1);

  await page.goto('/en/clients');
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(times('/clients?limit=20')).toBe(1);

  await page.goto('/en/budgets');
  await expect(page.getByRole('heading', { name: 'Budgets', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(times('/budgets?limit=50')).toBe(1);

  // Inside the console the same screens read anew: what the entry started for the first address is never shown twice.
  // A screen asks after its first paint, which may follow the heading's check and an idle network: its answer is awaited.
  const portfolioAnswered = page.waitForResponse((response) => response.url().endsWith('/portfolio'));
  await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await portfolioAnswered;
  expect(times('/portfolio')).toBe(2);
  const budgetsAnswered = page.waitForResponse((response) => response.url().endsWith('/budgets?limit=50'));
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Budgets', level: 1 })).toBeVisible();
  await budgetsAnswered;
  expect(times('/budgets?limit=50')).toBe(2);
});
