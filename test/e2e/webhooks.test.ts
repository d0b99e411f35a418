import * as crypto from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';

/**
 * Webhook endpoints over HTTP on the local stack (issue 33): the owner registers a loopback
 * receiver (the local stack's setting allows it), sends a test event the receiver verifies with its
 * own implementation of the Standard Webhooks check, rotates the secret (both secrets sign during the
 * overlap) and reads the delivery log; private and metadata addresses are refused at registration.
 */

const local = useLocalStack();

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver's check written from the specification alone: `whsec_` stripped, base64 key, HMAC-SHA256 of id.timestamp.body, any `v1,` entry. */
function verified(secret: string, received: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = String(received.headers['webhook-id']);
  const timestamp = String(received.headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${received.body}`).digest();
  return String(received.headers['webhook-signature']).split(' ').some((entry) => {
    const given = Buffer.from(entry.replace(/^v1,/, ''), 'base64');
    return entry.startsWith('v1,') && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answer = 204;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

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
  answer = 500;
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
