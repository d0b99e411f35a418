import * as crypto from 'node:crypto';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { mailsTo } from '../support/sesInbox';
import { useLocalStack } from '../support/localStackFixture';
import { type ReceivedWebhook, signedWith, startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

/**
 * Webhook endpoints over HTTP on the local stack (issue 33): the owner registers a loopback
 * receiver (the local stack's setting allows it), sends a test event the receiver verifies with its
 * own implementation of the Standard Webhooks check, rotates the secret (both secrets sign during the
 * overlap) and reads the delivery log; private and metadata addresses are refused at registration.
 */

const local = useLocalStack();

let receiver: WebhookReceiver;
let receiverUrl: string;
let received: ReceivedWebhook[];

/** The receiver's own check (from the specification), refusing a timestamp more than 5 minutes off. */
const verified = (secret: string, message: ReceivedWebhook): boolean => signedWith(secret, message, 300);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiverUrl = `${receiver.base}/hooks`;
  received = receiver.received;
});

afterAll(() => receiver.close());

it('signs a test event a receiver verifies on its own, keeps signing with both secrets during a rotation, and logs each attempt', async () => {
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  const registered = await call(api, 'POST', '/webhooks', { token: owner, body: { url: receiverUrl, events: ['client.blocked', 'invitation.accepted'] } });
  expect(registered.status).toBe(201);
  const firstSecret = registered.body.secret as string;
  expect(firstSecret).toMatch(/^whsec_/);
  const id = registered.body.id as string;
  expect(JSON.stringify((await call(api, 'GET', '/webhooks', { token: owner })).body)).not.toContain(firstSecret);

  const tested = await call(api, 'POST', `/webhooks/${id}/test`, { token: owner });
  expect(tested.body).toMatchObject({ eventType: 'webhook.test', outcome: 'succeeded', responseStatus: 204 });
  expect(received).toHaveLength(1);
  expect(verified(firstSecret, received[0]!)).toBe(true);
  expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: id } });
  expect(received[0]!.headers['webhook-id']).toBe(tested.body.messageId);

  const rotated = await call(api, 'POST', `/webhooks/${id}/secret`, { token: owner });
  const secondSecret = rotated.body.secret as string;
  expect(rotated.body.previousSecretUntil).not.toBeNull();
  receiver.answer = 500;
  const failed = await call(api, 'POST', `/webhooks/${id}/test`, { token: owner });
  expect(failed.body).toMatchObject({ outcome: 'failed', responseStatus: 500 });
  expect(verified(firstSecret, received[1]!)).toBe(true);
  expect(verified(secondSecret, received[1]!)).toBe(true);
  expect(verified(crypto.randomBytes(32).toString('base64'), received[1]!)).toBe(false);

  const log = await call(api, 'GET', `/webhooks/${id}/deliveries`, { token: owner });
  expect(log.body.items.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['failed', 'succeeded']);
  expect((await call(api, 'GET', '/webhooks', { token: owner })).body.items[0].failingSince).not.toBeNull();

  expect(await call(api, 'DELETE', `/webhooks/${id}`, { token: owner })).toMatchObject({ status: 204 });
  expect(await call(api, 'POST', `/webhooks/${id}/test`, { token: owner })).toMatchObject({ status: 404, body: errorWithCode('not_found') });
});

it('refuses endpoints on private, link-local and metadata addresses, and plain http elsewhere than loopback', async () => {
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  for (const url of ['https://169.254.169.254/latest/meta-data', 'https://10.0.0.1/hooks', 'http://crm.example.com/hooks', 'https://[fd00:ec2::254]/', 'https://[::ffff:10.0.0.1]/']) {
    expect([url, await call(api, 'POST', '/webhooks', { token: owner, body: { url, events: ['client.blocked'] } })])
      .toMatchObject([url, { status: 400, body: errorWithCode('validation_failed') }]);
  }
  expect(await call(api, 'POST', '/webhooks', { token: owner, body: { url: 'https://no-such-host.invalid/hooks', events: ['client.blocked'] } }))
    .toMatchObject({ status: 422, body: errorWithCode('webhook_address_refused') });
});

/** Adds a client over HTTP and accepts its invitation: an active client. */
async function activeClient(token: string): Promise<{ id: string }> {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
  if (!mail) throw new Error('no invitation mail');
  expect((await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(mail)}/accept`, { token: await local.consoleToken(accountId) })).status).toBe(200);
  return { id: added.body.id };
}

/** Previews and confirms a block or unblock of one client. */
async function change(token: string, clientId: string, action: 'block' | 'unblock'): Promise<void> {
  const preview = await call(local.stack.apiUrl, 'POST', `/clients/${clientId}/${action}`, { token });
  const confirmed = await call(local.stack.apiUrl, 'POST', `/clients/${clientId}/${action}`, { token, body: { confirm: preview.body.confirmation.token } });
  expect(confirmed.status).toBe(200);
}

/** What reached the receiver at `path` for `clientId`. */
const deliveriesTo = (path: string, clientId: string): ReceivedWebhook[] =>
  received.filter((entry) => entry.path === path && entry.body.includes(clientId));

it('delivers a client\'s block through the queue once to each subscribed endpoint, signed; a receiver answering 500 gets the same webhook-id after it recovers', async () => {
  receiver.answer = 204;
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  const base = receiverUrl.replace(/\/hooks$/, '');
  const first = await call(api, 'POST', '/webhooks', { token: owner, body: { url: `${base}/first`, events: ['client.blocked', 'client.unblocked'] } });
  const second = await call(api, 'POST', '/webhooks', { token: owner, body: { url: `${base}/second`, events: ['client.blocked', 'client.unblocked'] } });
  await call(api, 'POST', '/webhooks', { token: owner, body: { url: `${base}/other`, events: ['client.deleted'] } });
  const secrets = new Map([['/first', first.body.secret as string], ['/second', second.body.secret as string]]);
  const client = await activeClient(owner);

  await change(owner, client.id, 'block');
  await local.stack.drainQueues();

  for (const path of ['/first', '/second']) {
    const got = deliveriesTo(path, client.id);
    expect(got).toHaveLength(1);
    expect(verified(secrets.get(path)!, got[0]!)).toBe(true);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ type: 'client.blocked', data: { clientId: client.id, after: 'blocked' } });
  }
  expect(deliveriesTo('/other', client.id)).toEqual([]);
  // The webhook-id is the audit entry's id: the same for both endpoints.
  const blockId = deliveriesTo('/first', client.id)[0]!.headers['webhook-id'];
  expect(deliveriesTo('/second', client.id)[0]!.headers['webhook-id']).toBe(blockId);

  receiver.answerFor.set('/second', 500);
  await change(owner, client.id, 'unblock');
  await local.stack.drainQueues();
  expect(deliveriesTo('/first', client.id)).toHaveLength(2);
  expect(deliveriesTo('/second', client.id)).toHaveLength(2);
  receiver.answerFor.delete('/second');
  // The first retry is due 10 s after the failure (deliverySchedule): the local clock moves on, the queue hands it over.
  local.stack.advanceClock(11_000);
  await local.stack.drainQueues();

  const second3 = deliveriesTo('/second', client.id);
  expect(second3).toHaveLength(3);
  expect(second3[2]!.headers['webhook-id']).toBe(second3[1]!.headers['webhook-id']);
  expect(second3[2]!.headers['webhook-id']).not.toBe(blockId);
  expect(verified(secrets.get('/second')!, second3[2]!)).toBe(true);
  expect(deliveriesTo('/first', client.id)).toHaveLength(2);
  const log = await call(api, 'GET', `/webhooks/${second.body.id}/deliveries`, { token: owner });
  expect(log.body.items.map((attempt: { outcome: string; responseStatus: number | null }) => [attempt.outcome, attempt.responseStatus]))
    .toEqual([['succeeded', 204], ['failed', 500], ['succeeded', 204]]);
});
