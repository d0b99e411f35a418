import { expect, type Page } from '@playwright/test';

/**
 * Shows only the clients in `status` (its English name, e.g. "Blocked"), or every client for '':
 * the clients list's status toggles, several of which may be on at once.
 */
export async function showOnlyStatus(page: Page, status: string): Promise<void> {
  const group = page.getByRole('group', { name: 'Status' });
  for (let on = group.getByRole('checkbox', { checked: true }); (await on.count()) > 0;) await on.first().uncheck();
  if (status) await group.getByRole('checkbox', { name: new RegExp(`^${status}\\b`) }).check();
  await expect(group.getByRole('checkbox', { checked: true })).toHaveCount(status ? 1 : 0);
}
