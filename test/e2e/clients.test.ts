import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import { newCloudAccountId, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
const partnerWithToken = () => local.partnerWithToken();

/** Adds a client over HTTP and returns the response with the token from the invitation mail. */
async function addClientOverHttp(token: string, body: Record<string, unknown> = {}) {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const response = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId, name: 'Ivan Petrov', ...body } });
  const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
  return { response, email, accountId, invitationToken: mail ? tokenFromMail(mail) : undefined, mail };
}

describe('partners\' clients over HTTP', () => {
  it('adds a client, mails the link, the page sends the owner to the console, the owner accepts, and the list shows it active', async () => {
    const { partner, token } = await partnerWithToken();
    const { response, email, accountId, invitationToken, mail } = await addClientOverHttp(token, { phone: '+7 (495) 123-45-67' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^cli_/), email, accountId, name: 'Ivan Petrov', phone: '+74951234567', status: 'invited',
      invitation: { status: 'pending', mail: 'sent' },
    });
    expect(response.headers.get('location')).toBe(`/clients/${response.body.id}`);
    expect(mail?.body.text).toContain(`${local.stack.apiUrl}/invitations/${invitationToken}`);

    const page = await fetch(`${local.stack.apiUrl}/invitations/${invitationToken}`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('Volkova Cloud Integration invites you');
    expect(html).toContain(`/invitations/${invitationToken}">sign in to the cloud console`);
    expect(html).not.toContain('<form');
    const view = await call(local.stack.apiUrl, 'GET', `/invitations/${invitationToken}`);
    expect(view.body).toMatchObject({ partnerName: partner.name, accountId, status: 'pending', acceptingMeans: expect.any(String) });

    const ownerToken = await local.consoleToken(accountId);
    const accepted = await call(local.stack.apiUrl, 'POST', `/invitations/${invitationToken}/accept`, { token: ownerToken });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', accountId, partnerName: partner.name });

    const listed = await call(local.stack.apiUrl, 'GET', '/clients?status=active', { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [expect.objectContaining({ id: response.body.id, status: 'active' })], nextCursor: null });
    const again = await call(local.stack.apiUrl, 'POST', `/invitations/${invitationToken}/accept`, { token: ownerToken });
    expect(again.status).toBe(409);
    expect(again.body).toEqual(errorWithCode('invitation_closed'));
    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${response.body.id}`, { token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['accept', 'invite']);
    // Each entry names its client in the same answer (one batched read, never a call per client).
    expect(audit.body.items.map((entry: { client: unknown }) => entry.client)).toEqual([
      { name: response.body.name ?? null, email: response.body.email }, { name: response.body.name ?? null, email: response.body.email },
    ]);
  });

  it('answers another partner\'s client with 404 and changes nothing', async () => {
    const owner = await partnerWithToken();
    const intruder = await partnerWithToken();
    const { response, email } = await addClientOverHttp(owner.token);
    const id = response.body.id as string;

    const attempts = await Promise.all([
      call(local.stack.apiUrl, 'GET', `/clients/${id}`, { token: intruder.token }),
      call(local.stack.apiUrl, 'POST', `/clients/${id}/invitation/resend`, { token: intruder.token }),
      call(local.stack.apiUrl, 'POST', `/clients/${id}/invitation/cancel`, { token: intruder.token }),
    ]);
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.body).toEqual(errorWithCode('not_found'));
    }
    expect((await call(local.stack.apiUrl, 'GET', '/clients', { token: intruder.token })).body.items).toEqual([]);
    expect((await call(local.stack.apiUrl, 'GET', `/audit?clientId=${id}`, { token: intruder.token })).body.items).toEqual([]);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${id}`, { token: owner.token })).body).toEqual(response.body);
    expect(await mailsTo(email, local.stack.inboxUrl)).toHaveLength(1);
  });

  it('answers bad input with a 4xx in the documented shape and stores nothing', async () => {
    const { token } = await partnerWithToken();
    const accountId = await registerCloudAccount(local.db);

    const invalid = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: 'not-an-email', accountId: 'ACC-1', extra: 1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(errorWithCode('validation_failed'));
    expect(invalid.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['body', 'body.accountId', 'body.email']);

    const unknown = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: uniqueClientEmail(), accountId: newCloudAccountId() } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toEqual(errorWithCode('unknown_account'));

    const first = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: uniqueClientEmail(), accountId } });
    const duplicate = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: uniqueClientEmail(), accountId } });
    expect(first.status).toBe(201);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual(errorWithCode('client_exists'));

    expect((await call(local.stack.apiUrl, 'GET', '/clients?status=gone', { token })).status).toBe(400);
    expect((await call(local.stack.apiUrl, 'GET', '/clients?search=%C3%A9', { token })).body).toEqual(errorWithCode('validation_failed'));
    expect((await call(local.stack.apiUrl, 'GET', '/clients?cursor=bm90LWEtY3Vyc29y', { token })).body).toEqual(errorWithCode('invalid_cursor'));
    expect((await call(local.stack.apiUrl, 'GET', '/audit?from=yesterday', { token })).status).toBe(400);
    expect((await call(local.stack.apiUrl, 'GET', '/invitations/short-token')).status).toBe(400);
    const someOwner = await local.consoleToken(accountId);
    expect((await call(local.stack.apiUrl, 'POST', `/invitations/${'A'.repeat(43)}/accept`, { token: someOwner })).body).toEqual(errorWithCode('not_found'));
    expect((await call(local.stack.apiUrl, 'GET', '/clients')).status).toBe(401);
    const manager = await local.stack.tokens.personToken({ sub: 'mgr_1', email: 'm@example.com', role: 'manager' });
    expect((await call(local.stack.apiUrl, 'GET', '/clients', { token: manager })).status).toBe(403);
    expect((await call(local.stack.apiUrl, 'GET', '/clients', { token })).body.items).toHaveLength(1);
  });

  it('counts the partner\'s clients per status as they change (GET /clients/summary), each partner its own', async () => {
    const { token } = await partnerWithToken();
    const other = await partnerWithToken();
    const added = [await addClientOverHttp(token), await addClientOverHttp(token), await addClientOverHttp(token)];
    const accepted = added[0]!;
    await call(local.stack.apiUrl, 'POST', `/invitations/${accepted.invitationToken}/accept`, { token: await local.consoleToken(accepted.accountId) });
    await call(local.stack.apiUrl, 'POST', `/clients/${added[1]!.response.body.id}/invitation/cancel`, { token });
    await local.stack.drainStreams();

    const summary = await call(local.stack.apiUrl, 'GET', '/clients/summary', { token });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ counts: { invited: 1, active: 1, blocked: 0, declined: 0, cancelled: 1, expired: 0 }, total: 3 });
    expect((await call(local.stack.apiUrl, 'GET', '/clients/summary', { token: other.token })).body).toMatchObject({ total: 0 });
    expect((await call(local.stack.apiUrl, 'GET', '/clients/summary')).status).toBe(401);
  });

  it('lists several statuses at once, as a comma list or a repeated parameter, paged exactly; an unknown status is a 400', async () => {
    const { token } = await partnerWithToken();
    const added = [await addClientOverHttp(token), await addClientOverHttp(token), await addClientOverHttp(token)];
    await call(local.stack.apiUrl, 'POST', `/clients/${added[1]!.response.body.id}/invitation/cancel`, { token });
    const ids = (response: { body: { items: Array<{ id: string }> } }) => response.body.items.map((item) => item.id);
    const newestFirst = added.map(({ response }) => response.body.id as string).reverse();

    const first = await call(local.stack.apiUrl, 'GET', '/clients?status=invited,cancelled&limit=2', { token });
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    const second = await call(local.stack.apiUrl, 'GET', `/clients?status=invited,cancelled&limit=2&cursor=${first.body.nextCursor}`, { token });
    expect([ids(second), second.body.nextCursor]).toEqual([newestFirst.slice(2), null]);
    const repeated = await call(local.stack.apiUrl, 'GET', '/clients?status=cancelled&status=invited', { token });
    expect(ids(repeated)).toEqual(newestFirst);
    expect(ids(await call(local.stack.apiUrl, 'GET', '/clients?status=cancelled', { token }))).toEqual([added[1]!.response.body.id]);
    for (const status of ['detached', 'invited,', 'invited,bogus']) {
      const refused = await call(local.stack.apiUrl, 'GET', `/clients?status=${status}`, { token });
      expect([refused.status, refused.body]).toEqual([400, errorWithCode('validation_failed')]);
    }
  });

  it('finds a client by the start of a word of its name, without accents, combined with the status filter', async () => {
    const { token } = await partnerWithToken();
    const { response } = await addClientOverHttp(token, { name: 'Élodie Ворошилова' });
    // The search index follows the clients through their change stream: let its consumer catch up.
    await local.stack.drainStreams();

    const found = await call(local.stack.apiUrl, 'GET', `/clients?search=${encodeURIComponent('ворош')}`, { token });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([response.body.id]);
    expect((await call(local.stack.apiUrl, 'GET', '/clients?search=elod&status=invited', { token })).body.items).toHaveLength(1);
    expect((await call(local.stack.apiUrl, 'GET', '/clients?search=elod&status=active', { token })).body.items).toEqual([]);
    // The index is read by the longest word, so a one-letter first word still finds the client.
    expect((await call(local.stack.apiUrl, 'GET', `/clients?search=${encodeURIComponent('e ворош')}`, { token })).body.items
      .map((item: { id: string }) => item.id)).toEqual([response.body.id]);
    expect((await call(local.stack.apiUrl, 'GET', `/clients?search=${encodeURIComponent('x ворош')}`, { token })).body.items).toEqual([]);
    const oneLetterWords = await call(local.stack.apiUrl, 'GET', '/clients?search=e%20b', { token });
    expect(oneLetterWords.status).toBe(400);
    expect(oneLetterWords.body).toEqual(errorWithCode('validation_failed'));
  });

  it('edits a client\'s name and phone (audited, found by the new name), a repeat changes nothing, bad input and another partner\'s client change nothing', async () => {
    const { token } = await partnerWithToken();
    const intruder = await partnerWithToken();
    const { response } = await addClientOverHttp(token, { name: 'Ivan Petrov' });
    const path = `/clients/${response.body.id}`;
    const headers = { 'idempotency-key': `edit-${response.body.id}` };

    const edited = await call(local.stack.apiUrl, 'PATCH', path, { token, body: { name: 'Olga Vodkina', phone: '+7 (495) 765-43-21' }, headers });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: response.body.id, name: 'Olga Vodkina', phone: '+74957654321', status: 'invited', email: response.body.email });
    const replayed = await call(local.stack.apiUrl, 'PATCH', path, { token, body: { name: 'Olga Vodkina', phone: '+7 (495) 765-43-21' }, headers });
    expect(replayed.body).toEqual(edited.body);
    const same = await call(local.stack.apiUrl, 'PATCH', path, { token, body: { name: 'Olga Vodkina' } });
    expect([same.status, same.body]).toEqual([200, edited.body]);

    for (const body of [{ name: '' }, { phone: '12' }, { email: 'x@example.com' }, { name: 'a\u202Eb' }]) {
      const refused = await call(local.stack.apiUrl, 'PATCH', path, { token, body });
      expect([refused.status, refused.body]).toEqual([400, errorWithCode('validation_failed')]);
    }
    const foreign = await call(local.stack.apiUrl, 'PATCH', path, { token: intruder.token, body: { name: 'Mallory' } });
    expect([foreign.status, foreign.body]).toEqual([404, errorWithCode('not_found')]);
    expect((await call(local.stack.apiUrl, 'GET', path, { token })).body).toEqual(edited.body);

    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${response.body.id}`, { token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['edit', 'invite']);
    expect(audit.body.items[0].changes).toEqual([
      { field: 'name', before: 'Ivan Petrov', after: 'Olga Vodkina' }, { field: 'phone', before: null, after: '+74957654321' },
    ]);
    await local.stack.drainStreams();
    const found = async (search: string) => (await call(local.stack.apiUrl, 'GET', `/clients?search=${search}`, { token })).body.items.map((item: { id: string }) => item.id);
    expect(await found('vodk')).toEqual([response.body.id]);
    expect(await found('petrov')).toEqual([]);
  });

  it('replays the first response for a repeated Idempotency-Key and sends one mail', async () => {
    const { token } = await partnerWithToken();
    const body = { email: uniqueClientEmail(), accountId: await registerCloudAccount(local.db) };
    const headers = { 'idempotency-key': `add-${body.accountId}` };

    const first = await call(local.stack.apiUrl, 'POST', '/clients', { token, body, headers });
    const retry = await call(local.stack.apiUrl, 'POST', '/clients', { token, body, headers });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await mailsTo(body.email, local.stack.inboxUrl)).toHaveLength(1);
  });

  it('resends with a new link that replaces the old one, and cancels', async () => {
    const { token } = await partnerWithToken();
    const { response, email, invitationToken, accountId } = await addClientOverHttp(token);
    const id = response.body.id as string;

    const resent = await call(local.stack.apiUrl, 'POST', `/clients/${id}/invitation/resend`, { token });
    expect(resent.status).toBe(200);
    const newToken = tokenFromMail((await mailsTo(email, local.stack.inboxUrl)).at(-1)!);
    expect(newToken).not.toBe(invitationToken);
    expect((await call(local.stack.apiUrl, 'GET', `/invitations/${invitationToken}`)).body).toEqual(errorWithCode('invitation_superseded'));

    const cancelled = await call(local.stack.apiUrl, 'POST', `/clients/${id}/invitation/cancel`, { token });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', invitation: { status: 'cancelled' } });
    const declined = await call(local.stack.apiUrl, 'POST', `/invitations/${newToken}/decline`, { token: await local.consoleToken(accountId) });
    expect(declined.status).toBe(409);
    expect(declined.body).toEqual(errorWithCode('invitation_closed'));
  });

  it('limits each partner\'s requests per minute with 429 and Retry-After', async () => {
    const { token } = await partnerWithToken();
    const other = await partnerWithToken();
    process.env.PARTNER_REQUESTS_PER_MINUTE = '3';
    // Start at the beginning of a fixed one-minute window, so the requests below cannot straddle two windows.
    local.stack.advanceClock(60_000 - (local.stack.clockNow().getTime() % 60_000));
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(local.stack.apiUrl, 'GET', '/clients', { token })).status);
      const limited = await call(local.stack.apiUrl, 'GET', '/clients', { token });

      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual(errorWithCode('rate_limited'));
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = { email: uniqueClientEmail(), accountId: await registerCloudAccount(local.db) };
      const limitedWrite = await call(local.stack.apiUrl, 'POST', '/clients', { token, body, headers: { 'idempotency-key': `limited-${body.accountId}` } });
      expect(limitedWrite.status).toBe(429);
      expect(await mailsTo(body.email, local.stack.inboxUrl)).toHaveLength(0);
      expect((await call(local.stack.apiUrl, 'GET', '/clients', { token: other.token })).status).toBe(200);
    } finally {
      delete process.env.PARTNER_REQUESTS_PER_MINUTE;
    }
  });

  it('expires an unanswered invitation after 7 days: the partner is mailed, an event is published, the link is dead', async () => {
    const { partner, token } = await partnerWithToken();
    const { response, invitationToken, accountId } = await addClientOverHttp(token);

    local.stack.advanceClock(7 * 24 * 60 * 60 * 1000 + 1000);
    await local.stack.runJob('expireInvitations');

    expect((await call(local.stack.apiUrl, 'GET', `/clients/${response.body.id}`, { token })).body.status).toBe('expired');
    expect((await mailsTo(partner.email, local.stack.inboxUrl)).map((mail) => mail.subject)).toEqual(['An invitation to your client expired']);
    const events = await new LocalEventStore(local.db).published();
    expect(events.filter((event) => event.detail.clientId === response.body.id).map((event) => event.type)).toEqual(['ClientInvitationExpired']);
    const accept = await call(local.stack.apiUrl, 'POST', `/invitations/${invitationToken}/accept`, { token: await local.consoleToken(accountId) });
    expect(accept.status).toBe(422);
    expect(accept.body).toEqual(errorWithCode('invitation_expired'));
  });
});
