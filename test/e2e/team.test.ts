import { DynamoTeamStore } from '../../shared/adapters/dynamodb/DynamoTeamStore';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { removeMember } from '../../shared/domain/team/manageTeam';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

/**
 * A partner is a team, over HTTP on the local stack: the owner invites a finance member and a sales
 * member, who sign in with the logins the invitation created; the sales member sees only the client
 * it added; the finance member sees balances but may not block; the owner removes the sales member,
 * whose next request (with its still-valid token) is refused and who can no longer sign in.
 */

const local = useLocalStack();

async function signIn(email: string): Promise<string> {
  const response = await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { email } });
  expect(response.status).toBe(200);
  return response.body.idToken as string;
}

async function addClient(token: string): Promise<{ id: string; accountId: string; email: string }> {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  expect(added.status).toBe(201);
  return { id: added.body.id as string, accountId, email };
}

it('lets an owner build a team whose members see and do what their roles allow, and remove one at once', async () => {
  const api = local.stack.apiUrl;
  const { partner, token: owner } = await local.partnerWithToken();
  const financeEmail = `finance-${partner.partnerId}@example.com`;
  const salesEmail = `sales-${partner.partnerId}@example.com`;
  const financeInvited = await call(api, 'POST', '/team/members', { token: owner, body: { email: financeEmail, role: 'finance' } });
  const salesInvited = await call(api, 'POST', '/team/members', { token: owner, body: { email: salesEmail, role: 'sales' } });
  expect(financeInvited.status).toBe(201);
  expect(salesInvited.body).toMatchObject({ email: salesEmail, role: 'sales', status: 'invited', lastSignInAt: null });
  const finance = await signIn(financeEmail);
  const sales = await signIn(salesEmail);
  expect((await call(api, 'GET', '/team/me', { token: sales })).body.member).toMatchObject({ role: 'sales', status: 'active' });

  // The owner's client, accepted by its owner: it has a balance.
  const ownersClient = await addClient(owner);
  const invitation = tokenFromMail((await mailsTo(ownersClient.email, local.stack.inboxUrl)).at(-1)!);
  expect((await call(api, 'POST', `/invitations/${invitation}/accept`, { token: await local.consoleToken(ownersClient.accountId) })).status).toBe(200);
  const salesClient = await addClient(sales);

  const salesList = await call(api, 'GET', '/clients', { token: sales });
  expect(salesList.body.items.map((client: { id: string }) => client.id)).toEqual([salesClient.id]);
  expect(await call(api, 'GET', `/clients/${ownersClient.id}`, { token: sales })).toMatchObject({ status: 404, body: errorWithCode('not_found') });

  const balance = await call(api, 'GET', `/clients/${ownersClient.id}/balance`, { token: finance });
  expect(balance.status).toBe(200);
  const block = await call(api, 'POST', `/clients/${ownersClient.id}/block`, { token: finance, body: {} });
  expect(block).toMatchObject({ status: 403, body: errorWithCode('role_not_allowed') });
  expect((await call(api, 'GET', '/clients', { token: finance })).body.items).toHaveLength(2);

  const removed = await call(api, 'DELETE', `/team/members/${salesInvited.body.memberId}`, { token: owner });
  expect(removed.status).toBe(204);
  expect(await call(api, 'GET', '/clients', { token: sales })).toMatchObject({ status: 403, body: errorWithCode('not_a_member') });
  expect((await call(api, 'POST', '/__local/login', { body: { email: salesEmail } })).status).toBe(401);
  const team = await call(api, 'GET', '/team/members', { token: owner });
  expect(team.body.items.map((member: { email: string; role: string }) => [member.email, member.role])).toEqual([
    [partner.email, 'owner'], [financeEmail, 'finance'],
  ]);
});

it('refuses a removed member within the membership cache time even where its team is still cached (moving the local clock)', async () => {
  const api = local.stack.apiUrl;
  const { partner, token: owner } = await local.partnerWithToken();
  const email = `ops-${partner.partnerId}@example.com`;
  const invited = await call(api, 'POST', '/team/members', { token: owner, body: { email, role: 'operations' } });
  const member = await signIn(email);
  expect((await call(api, 'GET', '/clients', { token: member })).status).toBe(200);

  // Another container removes it: this one keeps the team it read until the cache time runs out.
  await removeMember({ team: new DynamoTeamStore(local.db), directory: new LocalAccountDirectory(local.db) }, partner.partnerId, invited.body.memberId as string);
  expect((await call(api, 'GET', '/clients', { token: member })).status).toBe(200);
  local.stack.advanceClock(60_000);

  expect(await call(api, 'GET', '/clients', { token: member })).toMatchObject({ status: 403, body: errorWithCode('not_a_member') });
});
