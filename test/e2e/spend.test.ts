import { LOCAL_MACHINE_CLIENT } from '../../infra/local/localAuth';
import { moscowDay, moscowDayStart } from '../../shared/domain/moscowTime';
import { BILLING_WRITE_SCOPE } from '../../shared/http/Principal';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
let billingToken: string;
let sequence = 0;

beforeAll(async () => {
  billingToken = await local.stack.tokens.machineToken(LOCAL_MACHINE_CLIENT, [BILLING_WRITE_SCOPE]);
});

/** A partner with a token and an active client on a fresh cloud account. */
async function partnerWithClient() {
  const { partner, token } = await local.partnerWithToken();
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
  const ownerToken = await local.consoleToken(accountId);
  expect((await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(mail!)}/accept`, { token: ownerToken })).status).toBe(200);
  return { partner, token, accountId, clientId: added.body.id as string };
}

/** Moves the local clock (`POST /__local/clock`) to the 10th of the next Moscow month, 12:00 Moscow time. */
async function clockToTenthOfNextMonth(): Promise<void> {
  const today = moscowDay(local.stack.clockNow());
  const [year, month] = today.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const target = moscowDayStart(`${next}-10`).getTime() + 12 * 3_600_000;
  const hours = Math.ceil((target - local.stack.clockNow().getTime()) / 3_600_000);
  expect((await call(local.stack.apiUrl, 'POST', '/__local/clock', { body: { advanceHours: hours } })).status).toBe(200);
}

/** Posts billing events of the account, dated now on the local clock. */
async function bill(
  accountId: string,
  events: ReadonlyArray<{ type: 'debit' | 'deposit'; amount: number; id?: string }>,
  occurredAt = new Date(local.stack.clockNow().getTime() - 60_000).toISOString(),
) {
  const body = {
    events: events.map(({ type, amount, id }) => ({
      transactionId: id ?? `spend-e2e-${Date.now()}-${(sequence += 1)}`, accountId, type, amount, currency: 'RUB', occurredAt,
      ...(type === 'debit' && { service: 'Compute Cloud' }),
    })),
  };
  const answer = await call(local.stack.apiUrl, 'POST', '/billing-events', { token: billingToken, body });
  expect(answer.status).toBe(200);
  expect(answer.body.results.filter((each: { status: string }) => each.status === 'rejected')).toEqual([]);
  return answer.body;
}

async function notifications(token: string) {
  const answer = await call(local.stack.apiUrl, 'GET', '/notifications', { token });
  expect(answer.status).toBe(200);
  return answer.body.items as Array<{ id: string; kind: string; month: string; read: boolean; facts: { threshold?: { percent: number } }; client: unknown }>;
}

describe('spend control over HTTP', () => {
  it('alerts once per threshold as billing events cross them, blocks at the limit when asked, and again next month', async () => {
    const { partner, token, accountId, clientId } = await partnerWithClient();
    const other = await local.partnerWithToken();
    await clockToTenthOfNextMonth();

    const budget = { amount: 10_000, currency: 'RUB', thresholds: [{ percent: 50 }, { percent: 100 }], alertEmails: ['cfo@spend-e2e.example'], blockAtLimit: true };
    const set = await call(local.stack.apiUrl, 'PUT', `/clients/${clientId}/budget`, { token, body: budget });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ clientId, scope: 'client', amount: { amount: 10_000, currency: 'RUB' }, blockAtLimit: true });
    expect((await call(local.stack.apiUrl, 'PUT', `/clients/${clientId}/budget`, { token: other.token, body: budget })).status).toBe(404);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/budget`, { token: other.token })).body).toEqual(errorWithCode('not_found'));

    await bill(accountId, [{ type: 'deposit', amount: 1_000_000 }]);
    const firstDebit = `spend-e2e-first-${clientId}`;
    const firstAt = new Date(local.stack.clockNow().getTime() - 60_000).toISOString();
    await bill(accountId, [{ type: 'debit', amount: 6_000, id: firstDebit }], firstAt);
    // The billing system resends: the event is a duplicate and nothing fires twice.
    expect(await bill(accountId, [{ type: 'debit', amount: 6_000, id: firstDebit }], firstAt)).toMatchObject({ duplicates: 1 });
    let listed = await notifications(token);
    expect(listed.map((each) => each.facts.threshold?.percent)).toEqual([50]);
    const named = (await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token })).body;
    expect(listed.map((each) => each.client)).toEqual([{ name: named.name ?? null, email: named.email }]);
    expect((await call(local.stack.apiUrl, 'GET', '/notifications/unread-count', { token })).body).toEqual({ unread: 1 });
    expect(await mailsTo('cfo@spend-e2e.example', local.stack.inboxUrl)).toEqual(expect.arrayContaining([expect.objectContaining({ subject: expect.stringContaining('50 %') })]));
    expect((await mailsTo(partner.email, local.stack.inboxUrl)).filter((mail) => mail.subject.includes(clientId))).toHaveLength(1);

    await local.stack.advanceClock(3_600_000);
    await bill(accountId, [{ type: 'debit', amount: 4_000 }]);
    listed = await notifications(token);
    expect(listed.map((each) => each.kind).sort()).toEqual(['budget_block', 'threshold', 'threshold']);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token })).body.status).toBe('blocked');
    const audit = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${clientId}`, { token });
    expect(audit.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'block', actor: expect.objectContaining({ kind: 'system', id: 'budget' }) }),
      expect.objectContaining({ action: 'set_budget', actor: expect.objectContaining({ kind: 'partner', id: expect.any(String) }) }),
    ]));

    const portfolio = await call(local.stack.apiUrl, 'GET', '/portfolio', { token });
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.currencies).toEqual([expect.objectContaining({ currency: 'RUB', thisMonth: { amount: 10_000, currency: 'RUB' } })]);
    expect(portfolio.body.topSpenders).toEqual([expect.objectContaining({ clientId, budgetUsePercent: 100, status: 'blocked' })]);
    expect(portfolio.body.needsAttention).toHaveLength(3);
    const bySpend = await call(local.stack.apiUrl, 'GET', '/portfolio/clients?limit=10', { token });
    expect(bySpend.body.items).toEqual([expect.objectContaining({ clientId, spend: { amount: 10_000, currency: 'RUB' } })]);
    expect((await call(local.stack.apiUrl, 'GET', '/portfolio', { token: other.token })).body.topSpenders).toEqual([]);
    const byBalance = await call(local.stack.apiUrl, 'GET', '/portfolio/clients?order=balance', { token });
    expect(byBalance.body.items).toEqual([expect.objectContaining({ clientId, balance: { amount: 1_000_000 - 10_000, currency: 'RUB' }, budgetUsePercent: 100 })]);

    const [newest] = listed;
    expect((await call(local.stack.apiUrl, 'POST', `/notifications/${newest!.id}/read`, { token: other.token })).status).toBe(404);
    expect((await call(local.stack.apiUrl, 'POST', `/notifications/${newest!.id}/read`, { token })).status).toBe(204);
    expect((await call(local.stack.apiUrl, 'POST', `/notifications/${newest!.id}/read`, { token })).status).toBe(204);
    expect((await call(local.stack.apiUrl, 'GET', '/notifications/unread-count', { token })).body).toEqual({ unread: 2 });
    expect((await call(local.stack.apiUrl, 'POST', '/notifications/ntf_bogus/read', { token })).body).toEqual(errorWithCode('not_found'));

    // Next month the thresholds fire again.
    await clockToTenthOfNextMonth();
    await bill(accountId, [{ type: 'debit', amount: 5_000 }]);
    listed = await notifications(token);
    expect(listed).toHaveLength(4);
    expect(listed[0]).toMatchObject({ kind: 'threshold', month: moscowDay(local.stack.clockNow()).slice(0, 7), facts: { threshold: { percent: 50 } } });
  });

  it('refuses budgets outside the rules with the one error shape', async () => {
    const { token, clientId } = await partnerWithClient();
    const put = (body: unknown) => call(local.stack.apiUrl, 'PUT', `/clients/${clientId}/budget`, { token, body });
    expect((await put({ amount: 0, currency: 'RUB' })).body).toEqual(errorWithCode('validation_failed'));
    expect((await put({ amount: 1.5, currency: 'RUB' })).status).toBe(400);
    expect((await put({ amount: 100, currency: 'RUB', thresholds: [{ percent: 0 }] })).status).toBe(400);
    expect((await put({ amount: 100, currency: 'RUB', thresholds: [{ percent: 1001 }] })).status).toBe(400);
    expect((await put({ amount: 100, currency: 'RUB', thresholds: Array.from({ length: 11 }, (_, n) => ({ percent: n + 1 })) })).status).toBe(400);
    expect((await put({ amount: 100, currency: 'USD' })).status).toBe(200);
    // Now the account is billed in roubles: a budget in dollars no longer fits it.
    const { accountId, clientId: billed, token: billedToken } = await partnerWithClient();
    await bill(accountId, [{ type: 'deposit', amount: 100 }]);
    const mismatch = await call(local.stack.apiUrl, 'PUT', `/clients/${billed}/budget`, { token: billedToken, body: { amount: 100, currency: 'USD' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toEqual(errorWithCode('currency_mismatch'));
  });

  it('sets a budget on a selection, lists, and removes budgets (default included)', async () => {
    const { token, clientId } = await partnerWithClient();
    const bulk = await call(local.stack.apiUrl, 'POST', '/budgets/bulk', { token, body: { amount: 500, currency: 'RUB', clientIds: [clientId, 'cli_nobody'] } });
    expect(bulk.body).toEqual({ results: [{ clientId, result: 'set' }, { clientId: 'cli_nobody', result: 'not_found' }] });
    expect((await call(local.stack.apiUrl, 'PUT', '/budgets/default', { token, body: { amount: 900, currency: 'RUB' } })).status).toBe(200);
    const listed = await call(local.stack.apiUrl, 'GET', '/budgets', { token });
    expect(listed.body.items.map((each: { scope: string }) => each.scope)).toEqual(['client', 'default']);
    const stored = (await call(local.stack.apiUrl, 'GET', `/clients/${clientId}`, { token })).body;
    expect(listed.body.items.map((each: { client: unknown }) => each.client)).toEqual([{ name: stored.name ?? null, email: stored.email }, null]);
    expect((await call(local.stack.apiUrl, 'DELETE', `/clients/${clientId}/budget`, { token })).status).toBe(204);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/budget`, { token })).body).toMatchObject({ inherited: true, budget: { scope: 'default' } });
    expect((await call(local.stack.apiUrl, 'DELETE', `/clients/${clientId}/budget`, { token })).status).toBe(404);
    expect((await call(local.stack.apiUrl, 'DELETE', '/budgets/default', { token })).status).toBe(204);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/budget`, { token })).status).toBe(404);
    // Every change is audited, the default budget's too: entries about no client, newest first.
    const audit = await call(local.stack.apiUrl, 'GET', '/audit', { token });
    const actions = audit.body.items.map((entry: { action: string; clientId: string | null }) => [entry.action, entry.clientId]);
    expect(actions.slice(0, 4)).toEqual([['remove_default_budget', null], ['remove_budget', clientId], ['set_default_budget', null], ['set_budget', clientId]]);
    // The client's own history holds only the entries about it.
    const history = await call(local.stack.apiUrl, 'GET', `/audit?clientId=${clientId}`, { token });
    expect(history.body.items.every((entry: { clientId: string }) => entry.clientId === clientId)).toBe(true);
  });
});
