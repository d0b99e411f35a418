import { moscowDay } from '../../shared/domain/moscowTime';
import { CONFIRMATION_LIFETIME_MS } from '../../shared/domain/clients/operationConfirmation';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode, standInErrorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
const partnerToken = async (): Promise<string> => (await local.partnerWithToken()).token;

/** Adds a client over HTTP and accepts its invitation: an active client. */
async function activeClient(token: string): Promise<{ id: string; accountId: string; email: string }> {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
  if (!mail) throw new Error('no invitation mail');
  const accepted = await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(mail)}/accept`, { token: await local.consoleToken(accountId) });
  expect(accepted.status).toBe(200);
  return { id: added.body.id, accountId, email };
}

const consoleLogin = (accountId: string) => call(local.stack.apiUrl, 'POST', '/__local/login', { body: { accountId } });

describe('block / unblock / delete over HTTP', () => {
  it('blocks one client after a preview and a confirmation; its console login is refused until it is unblocked', async () => {
    const token = await partnerToken();
    const client = await activeClient(token);
    expect((await consoleLogin(client.accountId)).status).toBe(200);

    const preview = await call(local.stack.apiUrl, 'POST', `/clients/${client.id}/block`, { token });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      confirmationRequired: true,
      action: 'block',
      confirmation: { token: expect.any(String), expiresAt: expect.any(String) },
      clients: [{ clientId: client.id, outcome: 'will_block', status: 'active' }],
      summary: { willChange: 1, skipped: 0, notFound: 0 },
    });
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${client.id}`, { token })).body.status).toBe('active');

    const confirmed = await call(local.stack.apiUrl, 'POST', `/clients/${client.id}/block`, { token, body: { confirm: preview.body.confirmation.token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({
      action: 'block',
      results: [{ clientId: client.id, result: 'done', status: 'blocked', signIn: 'refused' }],
      summary: { done: 1, skipped: 0, notFound: 0, failed: 0 },
    });
    const refused = await consoleLogin(client.accountId);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(standInErrorWithCode('login_disabled'));

    const reused = await call(local.stack.apiUrl, 'POST', `/clients/${client.id}/block`, { token, body: { confirm: preview.body.confirmation.token } });
    // Sent again, the confirmation answers the same report and changes nothing more.
    expect(reused.status).toBe(200);
    expect(reused.body).toEqual(confirmed.body);

    const unblockPreview = await call(local.stack.apiUrl, 'POST', `/clients/${client.id}/unblock`, { token });
    const unblocked = await call(local.stack.apiUrl, 'POST', `/clients/${client.id}/unblock`, { token, body: { confirm: unblockPreview.body.confirmation.token } });
    expect(unblocked.body.results).toEqual([{ clientId: client.id, result: 'done', status: 'active', signIn: 'allowed' }]);
    expect((await consoleLogin(client.accountId)).status).toBe(200);
    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${client.id}`, { token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['unblock', 'block', 'accept', 'invite']);
  });

  it('refuses a token for another set, another action, another partner, or once expired', async () => {
    const token = await partnerToken();
    const [a, b] = [await activeClient(token), await activeClient(token)];
    const preview = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds: [a.id, b.id] } });
    const confirm = preview.body.confirmation.token;

    const smallerSet = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds: [a.id], confirm } });
    const otherAction = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'delete', clientIds: [a.id, b.id], confirm } });
    const single = await call(local.stack.apiUrl, 'POST', `/clients/${a.id}/block`, { token, body: { confirm } });
    const otherPartner = await call(local.stack.apiUrl, 'POST', '/clients/bulk', {
      token: await partnerToken(), body: { action: 'block', clientIds: [a.id, b.id], confirm },
    });
    expect([smallerSet, otherAction, single].map((response) => [response.status, response.body.error.code]))
      .toEqual([[422, 'confirmation_mismatch'], [422, 'confirmation_mismatch'], [422, 'confirmation_mismatch']]);
    expect(otherPartner.status).toBe(422);
    expect(otherPartner.body).toEqual(errorWithCode('confirmation_invalid'));

    local.stack.advanceClock(CONFIRMATION_LIFETIME_MS);
    const expired = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds: [b.id, a.id], confirm } });
    expect(expired.status).toBe(422);
    expect(expired.body).toEqual(errorWithCode('confirmation_expired'));
    const listed = await call(local.stack.apiUrl, 'GET', '/clients?status=active', { token });
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('runs a bulk operation once for a retried Idempotency-Key and reports per client, other partners\' ids as not_found', async () => {
    const token = await partnerToken();
    const [a, b] = [await activeClient(token), await activeClient(token)];
    const foreign = await activeClient(await partnerToken());
    const clientIds = [a.id, b.id, foreign.id];
    const preview = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds } });
    expect(preview.body.clients).toEqual([
      { clientId: a.id, outcome: 'will_block', status: 'active' },
      { clientId: b.id, outcome: 'will_block', status: 'active' },
      { clientId: foreign.id, outcome: 'not_found' },
    ]);
    const request = { token, body: { action: 'block', clientIds, confirm: preview.body.confirmation.token }, headers: { 'idempotency-key': `key-${a.id}` } };

    const first = await call(local.stack.apiUrl, 'POST', '/clients/bulk', request);
    const retried = await call(local.stack.apiUrl, 'POST', '/clients/bulk', request);

    expect(first.status).toBe(200);
    expect(first.body.summary).toEqual({ done: 2, skipped: 0, notFound: 1, failed: 0 });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${a.id}`, { token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['block', 'accept', 'invite']);
    expect((await consoleLogin(foreign.accountId)).status).toBe(200);
  });

  it('deletes a client: no longer listed or readable, its account stays, and it can be invited again', async () => {
    const token = await partnerToken();
    const client = await activeClient(token);
    const today = moscowDay(local.stack.clockNow());
    const balancePath = `/clients/${client.id}/balance/detail?from=${today}&to=${today}`;
    expect((await call(local.stack.apiUrl, 'GET', balancePath, { token })).status).toBe(200);

    const preview = await call(local.stack.apiUrl, 'DELETE', `/clients/${client.id}`, { token });
    expect(preview.body.clients).toEqual([{ clientId: client.id, outcome: 'will_delete', status: 'active' }]);
    const deleted = await call(local.stack.apiUrl, 'DELETE', `/clients/${client.id}`, { token, body: { confirm: preview.body.confirmation.token } });

    expect(deleted.body.results).toEqual([{ clientId: client.id, result: 'done', status: 'detached' }]);
    expect((await call(local.stack.apiUrl, 'GET', '/clients', { token })).body.items).toEqual([]);
    // `detached` is no status a partner can list by: deleted clients are not the partner's any more.
    const byDetached = await call(local.stack.apiUrl, 'GET', '/clients?status=detached', { token });
    expect([byDetached.status, byDetached.body]).toEqual([400, errorWithCode('validation_failed')]);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${client.id}`, { token })).status).toBe(404);
    expect((await call(local.stack.apiUrl, 'GET', balancePath, { token })).status).toBe(404);
    expect((await call(local.stack.apiUrl, 'DELETE', `/clients/${client.id}`, { token })).status).toBe(404);
    expect((await consoleLogin(client.accountId)).status).toBe(200);

    const again = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: client.email, accountId: client.accountId } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: client.id, status: 'invited' });
    expect((await call(local.stack.apiUrl, 'GET', '/clients', { token })).body.items.map((item: { id: string }) => item.id)).toEqual([client.id]);
  });

  it('answers 404 for another partner\'s client and 400 for a malformed bulk request', async () => {
    const token = await partnerToken();
    const foreign = await activeClient(await partnerToken());

    const blocked = await call(local.stack.apiUrl, 'POST', `/clients/${foreign.id}/block`, { token });
    const duplicated = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds: ['cli_1', 'cli_1'] } });
    const empty = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token, body: { action: 'block', clientIds: [] } });

    expect(blocked.status).toBe(404);
    expect(blocked.body).toEqual(errorWithCode('not_found'));
    expect([duplicated.status, empty.status]).toEqual([400, 400]);
    expect(duplicated.body).toEqual(errorWithCode('validation_failed'));
    expect((await consoleLogin(foreign.accountId)).status).toBe(200);
  });
});
