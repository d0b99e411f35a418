import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode, standInErrorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();

/** A partner adds a client over HTTP; returns its id and the token of the link in the mailed invitation. */
async function invite(token: string, body: { email: string; accountId?: string; name?: string }) {
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body });
  expect(added.status).toBe(201);
  const mail = (await mailsTo(body.email, local.stack.inboxUrl)).at(-1);
  if (!mail) throw new Error('no invitation mail');
  return { clientId: added.body.id as string, link: tokenFromMail(mail) };
}

const answer = (link: string, action: 'accept' | 'decline', token?: string) =>
  call(local.stack.apiUrl, 'POST', `/invitations/${link}/${action}`, { ...(token && { token }) });

describe('only the owner of a cloud account can confirm an invitation', () => {
  it('defeats a partner inviting someone else\'s account to its own mailbox: no token 401, another account 403, nothing changes', async () => {
    const attacker = await local.partnerWithToken();
    const victimAccount = await registerCloudAccount(local.db);
    const { clientId, link } = await invite(attacker.token, { accountId: victimAccount, email: `attacker-${uniqueClientEmail()}` });
    const attackersOwnAccount = await registerCloudAccount(local.db);
    const attackersConsoleToken = await local.consoleToken(attackersOwnAccount);

    for (const action of ['accept', 'decline'] as const) {
      const anonymous = await answer(link, action);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual(errorWithCode('unauthorized'));
      const wrong = await answer(link, action, attackersConsoleToken);
      expect(wrong.status).toBe(403);
      expect(wrong.body).toEqual(errorWithCode('wrong_account'));
      // A staff token (the attacker's own partner token) is no console token at all.
      expect((await answer(link, action, attacker.token)).status).toBe(401);
    }

    const client = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token: attacker.token });
    expect(client.body).toMatchObject({ status: 'invited', invitation: { status: 'pending' } });
    const balance = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance`, { token: attacker.token });
    expect(balance.status).toBe(409);
    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${clientId}`, { token: attacker.token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['invite']);
  });

  it('invites a person without a cloud account: it signs up, accepts, and the partner sees it active with the new account', async () => {
    const { token } = await local.partnerWithToken();
    const email = uniqueClientEmail();
    const { clientId, link } = await invite(token, { email, name: 'New Person' });
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token })).body).toMatchObject({ accountId: null, status: 'invited' });
    expect((await call(local.stack.apiUrl, 'GET', `/invitations/${link}`)).body).toMatchObject({ accountId: null, status: 'pending' });

    const signup = await call(local.stack.apiUrl, 'POST', '/__local/signup', { body: { email } });
    expect(signup.status).toBe(201);
    expect(signup.body).toMatchObject({ role: 'client', accountId: expect.stringMatching(/^acc-[0-9a-z]{20}$/), idToken: expect.any(String) });
    const accepted = await answer(link, 'accept', signup.body.idToken);

    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', accountId: signup.body.accountId });
    const listed = await call(local.stack.apiUrl, 'GET', '/clients?status=active', { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: clientId, accountId: signup.body.accountId, balance: expect.any(Object) })]);
    expect((await call(local.stack.apiUrl, 'POST', '/__local/signup', { body: { email } })).status).toBe(409);
    expect((await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { email } })).body).toMatchObject({ accountId: signup.body.accountId });
  });

  it('binds an invitation sent without an account only to the invited address: a stranger holding the link gets 403 wrong_account (issue 26)', async () => {
    const { token } = await local.partnerWithToken();
    const victim = uniqueClientEmail();
    const { clientId, link } = await invite(token, { email: victim });
    const stranger = await call(local.stack.apiUrl, 'POST', '/__local/signup', { body: { email: `stranger-${uniqueClientEmail()}` } });

    for (const action of ['accept', 'decline'] as const) {
      const refused = await answer(link, action, stranger.body.idToken);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual(errorWithCode('wrong_account'));
      expect(refused.body.error.message).toContain(victim);
    }
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token })).body).toMatchObject({ accountId: null, status: 'invited' });

    const invitee = await call(local.stack.apiUrl, 'POST', '/__local/signup', { body: { email: victim.toUpperCase() } });
    const accepted = await answer(link, 'accept', invitee.body.idToken);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', accountId: invitee.body.accountId });
  });

  it('lets two partners invite one account; the owner accepts one, the other then answers 409 and stays open to decline', async () => {
    const [first, second] = [await local.partnerWithToken(), await local.partnerWithToken()];
    const accountId = await registerCloudAccount(local.db);
    const firstInvitation = await invite(first.token, { accountId, email: uniqueClientEmail() });
    const secondInvitation = await invite(second.token, { accountId, email: uniqueClientEmail() });
    const owner = await local.consoleToken(accountId);

    expect((await answer(secondInvitation.link, 'accept', owner)).status).toBe(200);
    const refused = await answer(firstInvitation.link, 'accept', owner);

    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(errorWithCode('account_served'));
    expect(JSON.stringify(refused.body)).not.toContain(second.partner.partnerId);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${firstInvitation.clientId}`, { token: first.token })).body.status).toBe('invited');
    expect((await call(local.stack.apiUrl, 'GET', `/invitations/${firstInvitation.link}`)).body.status).toBe('pending');
    expect((await answer(firstInvitation.link, 'decline', owner)).body).toMatchObject({ status: 'declined' });
  });

  it('answers POST /clients with 409 only for the partner\'s own client of the account, never about another partner', async () => {
    const [first, second] = [await local.partnerWithToken(), await local.partnerWithToken()];
    const accountId = await registerCloudAccount(local.db);
    const { link } = await invite(first.token, { accountId, email: uniqueClientEmail() });
    await answer(link, 'accept', await local.consoleToken(accountId));

    const byOther = await call(local.stack.apiUrl, 'POST', '/clients', { token: second.token, body: { accountId, email: uniqueClientEmail() } });
    const byOwnPartner = await call(local.stack.apiUrl, 'POST', '/clients', { token: first.token, body: { accountId, email: uniqueClientEmail() } });

    expect(byOther.status).toBe(201);
    expect(byOwnPartner.status).toBe(409);
    expect(byOwnPartner.body).toEqual(errorWithCode('client_exists'));
  });

  it('refuses a blocked account\'s console sign-in through the local pool\'s sign-in gate', async () => {
    const { token } = await local.partnerWithToken();
    const accountId = await registerCloudAccount(local.db);
    const { clientId, link } = await invite(token, { accountId, email: uniqueClientEmail() });
    await answer(link, 'accept', await local.consoleToken(accountId));
    const preview = await call(local.stack.apiUrl, 'POST', `/clients/${clientId}/block`, { token });
    await call(local.stack.apiUrl, 'POST', `/clients/${clientId}/block`, { token, body: { confirm: preview.body.confirmation.token } });

    const refused = await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { accountId } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(standInErrorWithCode('login_disabled'));
  });
});
