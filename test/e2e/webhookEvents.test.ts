import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import document from '../../shared/http/openapi.generated.json';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { mailsTo } from '../support/sesInbox';
import { useLocalStack } from '../support/localStackFixture';
import { type ReceivedWebhook, signedWith, startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

/**
 * The webhook events of issue 33's second round over HTTP on the local stack: invitation accepted /
 * declined and bulk operation completed reach a loopback receiver once each (payloads as the
 * document's `x-webhooks` say, no token in them, ids that match the audit trail); one delivery
 * replayed; an endpoint failing for 24 hours disabled with a mail to its partner, then enabled again.
 */

const local = useLocalStack();

let receiver: WebhookReceiver;
let base: string;
let received: ReceivedWebhook[];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  base = receiver.base;
  received = receiver.received;
});

afterAll(() => receiver.close());

/** The Standard Webhooks check, from the specification alone (no time window: the local clock may have moved). */
const signedBy = (secret: string, message: ReceivedWebhook): boolean => signedWith(secret, message);

/** Each payload checked against the document's `x-webhooks` entry of its type. */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');
function documented(message: ReceivedWebhook): boolean {
  const { type } = JSON.parse(message.body) as { type: string };
  const validate = ajv.getSchema(`openapi#/x-webhooks/${type}/post/requestBody/content/application~1json/schema`);
  if (!validate) throw new Error(`no x-webhooks entry for ${type}`);
  const valid = validate(JSON.parse(message.body));
  if (!valid) throw new Error(`${type}: ${ajv.errorsText(validate.errors)}`);
  return true;
}

/** Invites a cloud account over HTTP; its invitation token (from the mail) and the account. */
async function invited(token: string): Promise<{ clientId: string; accountId: string; invitationToken: string }> {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
  if (!mail) throw new Error('no invitation mail');
  return { clientId: added.body.id, accountId, invitationToken: tokenFromMail(mail) };
}

/** The audit entry of `action` on `clientId`. */
async function auditEntry(token: string, clientId: string, action: string): Promise<{ id: string }> {
  const page = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${clientId}`, { token });
  const entry = page.body.items.find((candidate: { action: string }) => candidate.action === action);
  if (!entry) throw new Error(`no ${action} entry for ${clientId}`);
  return entry;
}

it('delivers invitation.accepted, invitation.declined and bulk_operation.completed once each, documented, signed, with the audit trail\'s ids and no token', async () => {
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  const registered = await call(api, 'POST', '/webhooks', {
    token: owner, body: { url: `${base}/events`, events: ['invitation.accepted', 'invitation.declined', 'bulk_operation.completed'] },
  });
  const secret = registered.body.secret as string;

  const accepting = await invited(owner);
  const declining = await invited(owner);
  expect((await call(api, 'POST', `/invitations/${accepting.invitationToken}/accept`, { token: await local.consoleToken(accepting.accountId) })).status).toBe(200);
  expect((await call(api, 'POST', `/invitations/${declining.invitationToken}/decline`, { token: await local.consoleToken(declining.accountId) })).status).toBe(200);
  const bulk = { action: 'block', clientIds: [accepting.clientId, declining.clientId, 'cli_unknown'] };
  const preview = await call(api, 'POST', '/clients/bulk', { token: owner, body: bulk });
  const confirm = preview.body.confirmation.token as string;
  expect((await call(api, 'POST', '/clients/bulk', { token: owner, body: { ...bulk, confirm } })).status).toBe(200);
  await local.stack.drainQueues();
  // The same confirmation sent again answers the same report and announces nothing new.
  expect((await call(api, 'POST', '/clients/bulk', { token: owner, body: { ...bulk, confirm } })).status).toBe(200);
  await local.stack.drainQueues();

  const got = received.filter((message) => message.path === '/events');
  const byType = new Map(got.map((message) => [JSON.parse(message.body).type as string, message]));
  expect(got.map((message) => JSON.parse(message.body).type).sort()).toEqual(['bulk_operation.completed', 'invitation.accepted', 'invitation.declined']);
  for (const message of got) {
    expect(signedBy(secret, message)).toBe(true);
    expect(documented(message)).toBe(true);
    expect(JSON.parse(message.body).data.eventId).toBe(message.headers['webhook-id']);
    for (const token of [accepting.invitationToken, declining.invitationToken, confirm]) expect(message.body).not.toContain(token);
  }
  expect(byType.get('invitation.accepted')?.headers['webhook-id']).toBe((await auditEntry(owner, accepting.clientId, 'accept')).id);
  expect(byType.get('invitation.declined')?.headers['webhook-id']).toBe((await auditEntry(owner, declining.clientId, 'decline')).id);
  expect(JSON.parse(byType.get('invitation.accepted')!.body).data).toMatchObject({ clientId: accepting.clientId, accountId: accepting.accountId });
  expect(JSON.parse(byType.get('bulk_operation.completed')!.body).data).toMatchObject({
    operationId: byType.get('bulk_operation.completed')?.headers['webhook-id'], operation: 'block', total: 3,
    counts: { done: 1, skipped: 1, notFound: 1, failed: 0 },
  });
});

it('replays one logged delivery: 202, the same webhook-id signed with the current secret, a new attempt in the log; unknown or another partner\'s: 404', async () => {
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  const { token: stranger } = await local.partnerWithToken();
  const registered = await call(api, 'POST', '/webhooks', { token: owner, body: { url: `${base}/replay`, events: ['client.blocked'] } });
  const id = registered.body.id as string;
  const tested = await call(api, 'POST', `/webhooks/${id}/test`, { token: owner });
  const rotated = await call(api, 'POST', `/webhooks/${id}/secret`, { token: owner });
  const [entry] = (await call(api, 'GET', `/webhooks/${id}/deliveries`, { token: owner })).body.items;
  expect(entry.deliveryId).toMatch(/^dlv_/);

  const replayed = await call(api, 'POST', `/webhooks/${id}/deliveries/${entry.deliveryId}/replay`, { token: owner });
  await local.stack.drainQueues();

  expect(replayed).toMatchObject({ status: 202, body: { messageId: tested.body.messageId, endpointId: id, queued: true } });
  const got = received.filter((message) => message.path === '/replay');
  expect(got.map((message) => message.headers['webhook-id'])).toEqual([tested.body.messageId, tested.body.messageId]);
  expect(got[1]?.body).toBe(got[0]?.body);
  expect(signedBy(rotated.body.secret as string, got[1]!)).toBe(true);
  const log = (await call(api, 'GET', `/webhooks/${id}/deliveries`, { token: owner })).body.items;
  expect(log.map((attempt: { attempt: number; outcome: string }) => [attempt.attempt, attempt.outcome])).toEqual([[2, 'succeeded'], [1, 'succeeded']]);
  expect(log[1].deliveryId).toBe(entry.deliveryId);

  expect(await call(api, 'POST', `/webhooks/${id}/deliveries/dlv_unknown/replay`, { token: owner })).toMatchObject({ status: 404, body: errorWithCode('not_found') });
  expect(await call(api, 'POST', `/webhooks/${id}/deliveries/${entry.deliveryId}/replay`, { token: stranger }))
    .toMatchObject({ status: 404, body: errorWithCode('not_found') });
  expect(await call(api, 'POST', `/webhooks/${id}/enable`, { token: stranger })).toMatchObject({ status: 404, body: errorWithCode('not_found') });
});

it('disables an endpoint failing for 24 hours and mails its partner once; replay is refused until the partner enables it again', async () => {
  const api = local.stack.apiUrl;
  const { partner, token: owner } = await local.partnerWithToken();
  receiver.answerFor.set('/failing', 500);
  const registered = await call(api, 'POST', '/webhooks', { token: owner, body: { url: `${base}/failing`, events: ['client.blocked'] } });
  const id = registered.body.id as string;
  const tested = await call(api, 'POST', `/webhooks/${id}/test`, { token: owner });
  expect(tested.body).toMatchObject({ outcome: 'failed', responseStatus: 500 });
  const client = await invited(owner);
  expect((await call(api, 'POST', `/invitations/${client.invitationToken}/accept`, { token: await local.consoleToken(client.accountId) })).status).toBe(200);
  const preview = await call(api, 'POST', `/clients/${client.clientId}/block`, { token: owner });
  await call(api, 'POST', `/clients/${client.clientId}/block`, { token: owner, body: { confirm: preview.body.confirmation.token } });
  await local.stack.drainQueues();

  // A day later the block's retries are still failing: the next one disables the endpoint (the clock goes back for the tokens).
  const day = 24 * 3600 * 1000 + 60_000;
  local.stack.advanceClock(day);
  try {
    await local.stack.drainQueues();
    await local.stack.drainQueues();
  } finally {
    local.stack.advanceClock(-day);
  }

  const listed = (await call(api, 'GET', '/webhooks', { token: owner })).body.items.find((endpoint: { id: string }) => endpoint.id === id);
  expect(listed).toMatchObject({ status: 'disabled', failingSince: expect.any(String) });
  const mails = (await mailsTo(partner.email, local.stack.inboxUrl)).filter((mail) => mail.subject.includes('Webhook endpoint disabled') || mail.subject.includes('Вебхук отключён'));
  expect(mails).toHaveLength(1);
  expect(mails[0]?.body.text).toContain(`${base}/failing`);
  expect(mails[0]?.body.text).toContain('HTTP 500');
  const [entry] = (await call(api, 'GET', `/webhooks/${id}/deliveries`, { token: owner })).body.items;
  expect(await call(api, 'POST', `/webhooks/${id}/deliveries/${entry.deliveryId}/replay`, { token: owner }))
    .toMatchObject({ status: 409, body: errorWithCode('webhook_endpoint_disabled') });

  receiver.answerFor.delete('/failing');
  const enabled = await call(api, 'POST', `/webhooks/${id}/enable`, { token: owner });
  expect(enabled).toMatchObject({ status: 200, body: { id, status: 'enabled', failingSince: null } });
  expect(await call(api, 'POST', `/webhooks/${id}/enable`, { token: owner })).toMatchObject({ status: 200, body: enabled.body });
  const before = received.filter((message) => message.path === '/failing').length;
  expect((await call(api, 'POST', `/webhooks/${id}/deliveries/${entry.deliveryId}/replay`, { token: owner })).status).toBe(202);
  await local.stack.drainQueues();
  const after = received.filter((message) => message.path === '/failing');
  expect(after.length).toBe(before + 1);
  expect(after.at(-1)?.headers['webhook-id']).toBe(entry.messageId);
  expect((await mailsTo(partner.email, local.stack.inboxUrl)).filter((mail) => mail.subject.includes('Webhook endpoint disabled') || mail.subject.includes('Вебхук отключён'))).toHaveLength(1);
});
