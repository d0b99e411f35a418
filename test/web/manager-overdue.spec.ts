/**
 * Journey: a manager sees a new application with its 48-hour deadline; after the clock moves 49
 * hours and the escalation job runs, the same application is highlighted as overdue and escalated.
 * (This journey moves the stack's clock forward; the other journeys do not depend on the time.)
 */
import { expect, test } from './support/test';
import { call } from '../support/http';
import { checkScreen } from './support/checkScreen';
import { suiteStack, uniqueEmail } from './support/suiteStack';

test('a manager sees an application become overdue after 49 hours', async ({ page }) => {
  const { apiUrl, managerEmail } = suiteStack();
  const company = `Slowpoke Systems ${Date.now().toString(36)}`;
  const submitted = await call(apiUrl, 'POST', '/partner-applications', {
    body: { name: 'Olga Late', email: uniqueEmail('olga'), phone: '+74950001122', company, message: 'We integrate cloud for retail chains.' },
  });
  expect(submitted.status).toBe(201);

  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${managerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Partner applications', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(company) });
  await expect(row).toContainText('Contact by');
  await expect(row).not.toContainText('Overdue since');
  await checkScreen(page, 'applications');

  expect((await call(apiUrl, 'POST', '/__local/clock', { body: { advanceHours: 49 } })).status).toBe(200);
  expect((await call(apiUrl, 'POST', '/__local/jobs/run?name=escalateApplications')).status).toBe(200);
  await page.reload();
  await expect(row).toContainText('Overdue since');
  await expect(row).toContainText('Escalated');

  await page.getByLabel('Status').selectOption('escalated');
  await expect(page).toHaveURL(/status=escalated/);
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: company }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await expect(page.getByText('Overdue since')).toBeVisible();
  await checkScreen(page, 'application-detail');
});
