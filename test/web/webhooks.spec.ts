/**
 * Journey (issue 33): the demo partner's owner opens Webhooks, adds an endpoint pointing to a
 * loopback receiver started here (the local stack allows loopback), sees its signing secret once,
 * sends a test event the receiver gets, finds the attempt in the endpoint's delivery log, replays it
 * (a second attempt of the same message arrives through the queue), rotates the secret (shown once,
 * with the overlap said); while the receiver fails for 24 hours (the stack's clock moves) the endpoint
 * is disabled, and Re-enable brings it back; then it is removed. A finance member has no
 * Webhooks entry and its deep link says the page is not available. Each state passes axe in both
 * languages at 1280 and 360 px. And the list's slow and failed loads: skeleton rows, Retry-After
 * counted down, Retry.
 */
import { call } from '../support/http';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { failCalls, holdCalls } from './support/apiStubs';
import { checkScreen } from './support/checkScreen';
import { staffToken, suiteStack, uniqueEmail } from './support/suiteStack';
import { expect, test, watchApiAnswers } from './support/test';

let receiver: WebhookReceiver;
let receiverUrl: string;
/** What reached the receiver, its body parsed. */
const received = {
  get length(): number { return receiver.received.length; },
  at: (index: number) => ({ ...receiver.received[index]!, body: JSON.parse(receiver.received[index]!.body || '{}') as { type?: string } }),
};

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiverUrl = `${receiver.base}/hooks/partnerdesk-${Date.now().toString(36)}`;
});

/** Has the local stack's queue stand-in consume what is due now (the queued replay). */
async function drainQueues(): Promise<void> {
  expect((await call(suiteStack().apiUrl, 'POST', '/__local/queues/drain')).status).toBe(200);
}

test.afterAll(() => receiver.close());

test('an owner adds an endpoint, sees its secret once, sends a test event that arrives and is logged, rotates the secret and removes the endpoint', async ({ page, browser }) => {
  test.slow();
  const { partnerEmail } = suiteStack();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await expect(page.getByText('No endpoints yet. Add one to receive events.')).toBeVisible();

  // The form names what is missing before sending; "Select all" ticks every event.
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const form = page.getByRole('dialog', { name: 'Add an endpoint' });
  await expect(form.getByLabel(/^Address/)).toBeFocused();
  await form.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(form.getByText('Enter a full https address, e.g. https://crm.example.com/hooks/partnerdesk.')).toBeVisible();
  await expect(form.getByText('Choose at least one event.')).toBeVisible();
  await form.getByLabel('Select all').check();
  await expect(form.getByRole('checkbox')).toHaveCount(10);
  for (const box of await form.getByRole('checkbox').all()) await expect(box).toBeChecked();
  await form.getByLabel('Select all').uncheck();
  await form.getByLabel(/^Address/).fill(receiverUrl);
  await form.getByLabel('A client was blocked').check();
  await form.getByLabel('A client accepted the invitation').check();
  await expect(form.getByLabel('Select all')).not.toBeChecked();
  await checkScreen(page, 'webhooks-add');
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  // The secret, once, with its copy button and the warning.
  const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
  await expect(secretDialog.getByText('Store the signing secret now: it is shown only this once.', { exact: false })).toBeVisible();
  const secret = await secretDialog.locator('.secret-value code').textContent();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await expect(secretDialog.getByRole('button', { name: 'Copy the secret' })).toBeVisible();
  await checkScreen(page, 'webhooks-secret');
  await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByText(secret!)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add endpoint' })).toBeFocused();

  const endpoints = page.getByRole('region', { name: 'Your webhook endpoints' });
  const row = endpoints.getByRole('row').filter({ hasText: receiverUrl });
  await expect(row).toContainText('A client accepted the invitation');
  await expect(row).toContainText('A client was blocked');
  await expect(row).toContainText('Enabled');
  await expect(row.locator('code', { hasText: receiverUrl })).toHaveAttribute('title', receiverUrl);
  await expect(page.getByText('1 of 5 endpoints')).toBeVisible();

  // A test event reaches the receiver, signed, and its attempt is in the log.
  await row.getByRole('button', { name: `Actions for ${receiverUrl}` }).click();
  await page.getByRole('menuitem', { name: 'Send test event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test event delivered: your receiver answered 204' })).toBeVisible();
  expect(received.length).toBe(1);
  expect(received.at(0).body.type).toBe('webhook.test');
  const messageId = String(received.at(0).headers['webhook-id']);
  expect(received.at(0).headers['webhook-signature']).toMatch(/^v1,/);

  await row.getByRole('button', { name: `Delivery log of ${receiverUrl}` }).click();
  await expect(page).toHaveURL(/\/en\/webhooks\?endpoint=whe_/);
  await expect(page.getByRole('heading', { name: 'Delivery log', level: 2 })).toBeFocused();
  const log = page.getByRole('region', { name: 'Delivery attempts' });
  await expect(log.getByRole('row')).toHaveCount(2);
  const attempt = log.getByRole('row').nth(1);
  await expect(attempt).toContainText('Test event');
  await expect(attempt).toContainText('Delivered');
  await expect(attempt).toContainText('204');
  await expect(attempt.locator('code')).toHaveText(messageId);

  // Replay: queued, then delivered by the queue's consumer as the second attempt of the same message.
  await attempt.getByRole('button', { name: /^Replay Test event of / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The delivery is queued again' })).toBeVisible();
  await drainQueues();
  await expect.poll(() => received.length).toBe(2);
  expect(received.at(1).headers['webhook-id']).toBe(messageId);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log.locator('tbody code')).toHaveText([messageId, messageId]);
  await expect(log.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText('2');
  await expect(log.getByRole('row').nth(1)).toContainText('Delivered');
  await checkScreen(page, 'webhooks');

  // Rotation: confirmed, the new secret shown once, the old one's overlap said.
  await row.getByRole('button', { name: `Actions for ${receiverUrl}` }).click();
  await page.getByRole('menuitem', { name: 'Rotate secret…' }).click();
  await page.getByRole('dialog', { name: 'Rotate the signing secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
  const rotated = page.getByRole('dialog', { name: 'Signing secret' });
  await expect(rotated.getByText(/^The previous secret keeps signing beside the new one until .+ Moscow time/)).toBeVisible();
  const newSecret = await rotated.locator('.secret-value code').textContent();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(secret);
  await checkScreen(page, 'webhooks-rotated');
  await rotated.getByRole('button', { name: 'I have stored it' }).click();
  await expect(row.getByRole('button', { name: `Actions for ${receiverUrl}` })).toBeFocused();

  // The receiver fails: "failing since"; 25 hours later a failed replay disables the endpoint, and Re-enable brings it back.
  receiver.answer = 500;
  await row.getByRole('button', { name: `Actions for ${receiverUrl}` }).click();
  await page.getByRole('menuitem', { name: 'Send test event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test event not delivered: your receiver answered 500.' })).toBeVisible();
  await expect(row).toContainText('Failing since');
  await expect(log.getByRole('row')).toHaveCount(4);
  // The suite's one stack moves a day ahead: this spec runs last (one worker, files in name order; playwright.config.ts),
  // so no journey after it sees the clock moved. A spec named after it must not depend on the time.
  expect((await call(suiteStack().apiUrl, 'POST', '/__local/clock', { body: { advanceHours: 25 } })).status).toBe(200);
  await log.getByRole('row').nth(1).getByRole('button', { name: /^Replay Test event of / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The delivery is queued again' })).toBeVisible();
  await drainQueues();
  await expect.poll(() => received.length).toBe(4);
  await page.reload();
  await expect(row).toContainText('Disabled');
  await expect(log.getByRole('row')).toHaveCount(5);
  await expect(page.getByText('The endpoint is disabled: re-enable it to replay deliveries.')).toBeVisible();
  await expect(log.getByRole('button', { name: /^Replay/ })).toHaveCount(0);
  await checkScreen(page, 'webhooks-disabled');
  receiver.answer = 204;
  await row.getByRole('button', { name: `Re-enable ${receiverUrl}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${receiverUrl} is enabled again` })).toBeVisible();
  await expect(row).toContainText('Enabled');
  await expect(row).not.toContainText('Failing since');
  await expect(row.getByRole('button', { name: `Delivery log of ${receiverUrl}` })).toBeFocused();
  await expect(log.getByRole('button', { name: /^Replay/ }).first()).toBeVisible();

  // Removal, confirmed: the endpoint and its log go.
  await row.getByRole('button', { name: `Actions for ${receiverUrl}` }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  const removal = page.getByRole('dialog', { name: 'Remove the endpoint?' });
  await expect(removal).toContainText(`Nothing more will be sent to ${receiverUrl}`);
  await removal.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${receiverUrl} is removed.` })).toBeVisible();
  await expect(page.getByText('No endpoints yet. Add one to receive events.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Delivery log' })).toHaveCount(0);

  // A finance member: no Webhooks in the navigation, and the address says the page is not for its role.
  const financeEmail = uniqueEmail('finance-hooks');
  const invited = await call(suiteStack().apiUrl, 'POST', '/team/members', { token: await staffToken(partnerEmail), body: { email: financeEmail, role: 'finance' } });
  expect(invited.status).toBe(201);
  const context = await browser.newContext({ baseURL: suiteStack().consoleUrl, locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  const answers = watchApiAnswers(context);
  const finance = await context.newPage();
  await finance.goto('/sign-in');
  await finance.getByRole('textbox', { name: 'E-mail', exact: true }).fill(financeEmail);
  await finance.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(finance.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const nav = finance.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Audit' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
  // The address typed in: only once the clients screen's calls have answered (a navigation cuts off the bodies the answer check reads).
  await finance.waitForLoadState('networkidle');
  await finance.goto('/en/webhooks');
  await expect(finance.getByRole('heading', { name: 'Not available', level: 1 })).toBeVisible();
  await expect(finance.getByRole('button', { name: 'Add endpoint' })).toHaveCount(0);
  await checkScreen(finance, 'webhooks-not-available');
  expect(await answers()).toEqual([]);
  await context.close();
});

test('the Webhooks list shows skeleton rows while slow, counts down a 503\'s Retry-After and loads by itself, and offers Retry after a failure', async ({ page }) => {
  test.slow();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${suiteStack().partnerEmail}` }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const list = page.getByRole('region', { name: 'Your webhook endpoints' });

  const release = await holdCalls(page, /\/webhooks$/);
  await nav.getByRole('link', { name: 'Webhooks' }).click();
  await expect(list).toHaveAttribute('aria-busy', 'true');
  await expect(list.locator('tr.skeleton').first()).toBeVisible();
  await checkScreen(page, 'webhooks-loading');
  await release();
  await expect(page.getByText('No endpoints yet. Add one to receive events.')).toBeVisible();

  const recover = await failCalls(page, /\/webhooks$/, 503, 2);
  await nav.getByRole('link', { name: 'Clients' }).click();
  await nav.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('alert')).toHaveText('The service is busy right now.');
  await expect(page.getByText(/Trying again in \d s/)).toBeVisible();
  await checkScreen(page, 'webhooks-error');
  await recover();
  await expect(page.getByRole('alert')).toBeHidden({ timeout: 10_000 });
  await expect(page.getByText('No endpoints yet. Add one to receive events.')).toBeVisible();

  const fixed = await failCalls(page, /\/webhooks$/, 500);
  await nav.getByRole('link', { name: 'Clients' }).click();
  await nav.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('alert')).toHaveText('Something went wrong on our side. Please try again in a moment.');
  await fixed();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toBeHidden();
  await expect(page.getByText('No endpoints yet. Add one to receive events.')).toBeVisible();
});
