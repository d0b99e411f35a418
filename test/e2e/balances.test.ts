import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { LOCAL_MACHINE_CLIENT } from '../../infra/local/localAuth';
import { demoBillingEvents, seedBalances } from '../../infra/local/seedBalances';
import { addMoscowDays, moscowDay } from '../../shared/domain/moscowTime';
import { BILLING_WRITE_SCOPE } from '../../shared/http/Principal';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
const ONE_DAY_MS = 24 * 60 * 60 * 1000;
/** How long a client has been served before the billing of the first test is seeded (more than its two months). */
const SERVED_BEFORE_SEEDING_MS = 70 * ONE_DAY_MS;
let billingToken: string;

beforeAll(async () => {
  billingToken = await local.stack.tokens.machineToken(LOCAL_MACHINE_CLIENT, [BILLING_WRITE_SCOPE]);
});

/** A partner with a token, and a client of it on a fresh cloud account: active once `accept` is true. */
async function partnerWithClient(accept = true) {
  const { partner, token } = await local.partnerWithToken();
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
  expect(added.status).toBe(201);
  if (accept) {
    const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
    const ownerToken = await local.consoleToken(accountId);
    expect((await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(mail!)}/accept`, { token: ownerToken })).status).toBe(200);
  }
  return { partner, token, accountId, clientId: added.body.id as string };
}

describe('client balances over HTTP', () => {
  it('shows a seeded client\'s balance, detail by Moscow day and expenses per service, all consistent', async () => {
    const { token, accountId, clientId } = await partnerWithClient();
    // Two months of billing after the acceptance: partners see billing from acceptance on.
    local.stack.advanceClock(SERVED_BEFORE_SEEDING_MS);
    const now = local.stack.clockNow();
    const seeded = await seedBalances([accountId], { now, months: 2 });
    const events = demoBillingEvents([accountId], { now, months: 2 });
    expect(seeded).toMatchObject({ recorded: events.length, rejected: 0 });
    const expectedBalance = events.reduce((sum, e) => sum + (e.type === 'deposit' ? e.amount.amount : -e.amount.amount), 0);
    const from = moscowDay(events[0]!.occurredAt);
    const to = moscowDay(now);

    const balance = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance`, { token });
    const detail = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance/detail?from=${from}&to=${to}`, { token });
    const expenses = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/expenses?from=${from}&to=${to}`, { token });

    expect(balance.status).toBe(200);
    expect(balance.body).toEqual({ clientId, balance: { amount: expectedBalance, currency: 'RUB' }, asOf: expect.stringMatching(/\+03:00$/) });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ clientId, from, to, timeZone: 'Europe/Moscow', currency: 'RUB', opening: { amount: 0, currency: 'RUB' } });
    const days = detail.body.days as Array<{ day: string; opening: { amount: number }; closing: { amount: number }; debits: { amount: number } }>;
    expect(days.map((day) => day.day)).toEqual(Array.from({ length: days.length }, (_, n) => addMoscowDays(from, n)));
    days.slice(1).forEach((day, n) => expect(day.opening).toEqual(days[n]!.closing));
    expect(detail.body.closing).toEqual(balance.body.balance);
    const deposits = events.filter((e) => e.type !== 'debit').map((e) => e.transactionId);
    expect(detail.body.movements.map((m: { transactionId: string }) => m.transactionId)).toEqual(deposits);
    for (const movement of detail.body.movements) expect(movement.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+03:00$/);
    expect(expenses.status).toBe(200);
    expect(expenses.body.total).toEqual(detail.body.totals.debits);
    const serviceTotals = expenses.body.services.map((s: { total: { amount: number } }) => s.total.amount);
    expect(serviceTotals).toEqual([...serviceTotals].sort((a, b) => b - a));
    expect(new Set(expenses.body.services.map((s: { service: string }) => s.service))).toEqual(new Set(events.flatMap((e) => e.service ?? [])));
    local.stack.advanceClock(-SERVED_BEFORE_SEEDING_MS);
  });

  it('answers a large read gzipped to a caller that accepts it, the same JSON, and as it is to one that does not', async () => {
    const { token, accountId, clientId } = await partnerWithClient();
    local.stack.advanceClock(SERVED_BEFORE_SEEDING_MS);
    const now = local.stack.clockNow();
    await seedBalances([accountId], { now, months: 2 });
    const path = `/clients/${clientId}/balance/detail?from=${addMoscowDays(moscowDay(now), -59)}&to=${moscowDay(now)}`;
    const raw = (acceptEncoding: string) => new Promise<{ headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
      const request = httpGet(`${local.stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
      });
      request.on('error', reject);
    });

    const zipped = await raw('gzip, deflate, br');
    const plain = await raw('identity');
    const refused = await raw('gzip;q=0, identity');

    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-encoding']).toBeUndefined();
    const answer = JSON.parse(plain.bytes.toString('utf8')) as { days: unknown[] };
    expect(answer.days).toHaveLength(60);
    expect(JSON.parse(gunzipSync(zipped.bytes).toString('utf8'))).toEqual(answer);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 4);
  });

  it("shows a new partner nothing of the account's billing before its client accepted: from is moved, an earlier period is 422", async () => {
    const { token: earlierPartner, accountId, clientId: earlierClientId } = await partnerWithClient();
    const now = local.stack.clockNow();
    // The account's history while it was the earlier partner's client (seeded up to now).
    const history = demoBillingEvents([accountId], { now, months: 2 });
    await seedBalances([accountId], { now, months: 2 });
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${earlierClientId}/balance/detail?from=${moscowDay(history[0]!.occurredAt)}&to=${moscowDay(now)}`, { token: earlierPartner })).status).toBe(200);
    // The earlier partner lets the account go; a new partner invites it, and it accepts the next day.
    const preview = await call(local.stack.apiUrl, 'DELETE', `/clients/${earlierClientId}`, { token: earlierPartner });
    expect((await call(local.stack.apiUrl, 'DELETE', `/clients/${earlierClientId}`, { token: earlierPartner, body: { confirm: preview.body.confirmation.token } })).status).toBe(200);
    local.stack.advanceClock(ONE_DAY_MS);
    const { token } = await local.partnerWithToken();
    const email = uniqueClientEmail();
    const added = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email, accountId } });
    const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
    expect((await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(mail!)}/accept`, { token: await local.consoleToken(accountId) })).status).toBe(200);
    const clientId = added.body.id as string;
    const acceptedOn = moscowDay(local.stack.clockNow());
    const before = addMoscowDays(acceptedOn, -1);
    const earlyFrom = moscowDay(history[0]!.occurredAt);

    const detail = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance/detail?from=${earlyFrom}&to=${acceptedOn}`, { token });
    const expenses = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/expenses?from=${earlyFrom}&to=${acceptedOn}`, { token });
    const earlier = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance/detail?from=${earlyFrom}&to=${before}`, { token });
    const balance = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance`, { token });
    local.stack.advanceClock(-ONE_DAY_MS);

    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ from: acceptedOn, to: acceptedOn, clientSince: acceptedOn, movements: [], totals: { deposits: { amount: 0 }, debits: { amount: 0 } } });
    expect(detail.body.days.map((day: { day: string }) => day.day)).toEqual([acceptedOn]);
    expect(expenses.body).toMatchObject({ from: acceptedOn, clientSince: acceptedOn, total: { amount: 0 }, services: [] });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error).toMatchObject({ code: 'period_before_client', details: { clientSince: acceptedOn } });
    // The current balance is still the account's: the whole history counts.
    expect(balance.body.balance.amount).toBe(history.reduce((sum, e) => sum + (e.type === 'deposit' ? e.amount.amount : -e.amount.amount), 0));
  });

  it('lists each active client with its current balance and a not yet accepted one with null', async () => {
    const { token, accountId, clientId } = await partnerWithClient();
    const invitedEmail = uniqueClientEmail();
    const invited = await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: invitedEmail, accountId: await registerCloudAccount(local.db) } });
    expect(invited.status).toBe(201);
    const unbilled = await call(local.stack.apiUrl, 'GET', '/clients', { token });
    expect(unbilled.body.items.find((item: { id: string }) => item.id === clientId).balance).toEqual({ amount: 0, currency: 'RUB' });
    await seedBalances([accountId], { now: new Date(), months: 1 });

    const listed = await call(local.stack.apiUrl, 'GET', '/clients', { token });
    const balance = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance`, { token });

    expect(listed.status).toBe(200);
    const byId = new Map(listed.body.items.map((item: { id: string; balance: unknown }) => [item.id, item.balance]));
    expect(byId.get(clientId)).toEqual(balance.body.balance);
    expect(balance.body.balance.amount).not.toBe(0);
    expect(byId.get(invited.body.id)).toBeNull();
  });

  it('takes events from the billing feed once each, cut by Moscow midnight, and explains rejections', async () => {
    // The client accepted before the March days this test reads (partners see billing from acceptance on).
    const back = Date.parse('2026-02-28T12:00:00Z') - local.stack.clockNow().getTime();
    local.stack.advanceClock(back);
    const { token, accountId, clientId } = await partnerWithClient();
    local.stack.advanceClock(-back);
    const event = (transactionId: string, fields: Record<string, unknown>) => ({ transactionId: `${accountId}-${transactionId}`, accountId, currency: 'RUB', ...fields });
    const deposit = event('dep', { type: 'deposit', amount: 5_000_00, occurredAt: '2026-03-01T21:30:00Z' });
    const debit = event('deb', { type: 'debit', amount: 120_50, occurredAt: '2026-03-01T23:59:59.999+03:00', service: 'compute', resource: 'vm-1' });

    const first = await call(local.stack.apiUrl, 'POST', '/billing-events', { token: billingToken, body: { events: [deposit, debit] } });
    const again = await call(local.stack.apiUrl, 'POST', '/billing-events', { token: billingToken, body: deposit });
    const mixed = await call(local.stack.apiUrl, 'POST', '/billing-events', {
      token: billingToken,
      body: { events: [{ ...debit, amount: 1 }, event('usd', { type: 'deposit', amount: 100, currency: 'USD', occurredAt: '2026-03-05T10:00:00Z' })] },
    });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      results: [{ transactionId: deposit.transactionId, status: 'recorded' }, { transactionId: debit.transactionId, status: 'recorded' }],
      recorded: 2, duplicates: 0, rejected: 0,
    });
    expect(again.body).toMatchObject({ results: [{ transactionId: deposit.transactionId, status: 'duplicate' }], duplicates: 1 });
    expect(mixed.body.results.map((r: { reason?: string }) => r.reason)).toEqual(['transaction_id_reused', 'currency_mismatch']);
    const detail = await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance/detail?from=2026-03-01&to=2026-03-02`, { token });
    expect(detail.body.days.map((d: { day: string; debits: { amount: number }; deposits: { amount: number } }) => [d.day, d.debits.amount, d.deposits.amount]))
      .toEqual([['2026-03-01', 120_50, 0], ['2026-03-02', 0, 5_000_00]]);
    expect(detail.body.movements).toEqual([
      { transactionId: deposit.transactionId, type: 'deposit', amount: { amount: 5_000_00, currency: 'RUB' }, occurredAt: '2026-03-02T00:30:00.000+03:00', day: '2026-03-02' },
    ]);
    expect((await call(local.stack.apiUrl, 'GET', `/clients/${clientId}/balance`, { token })).body.balance).toEqual({ amount: 5_000_00 - 120_50, currency: 'RUB' });
  });

  it('lets only machine clients with the billing scope post events, and checks their shape', async () => {
    const { token, accountId } = await partnerWithClient();
    const body = { transactionId: `${accountId}-x`, accountId, type: 'debit', amount: 100, currency: 'RUB', occurredAt: '2026-03-01T10:00:00Z', service: 'compute' };
    const otherScope = await local.stack.tokens.machineToken(LOCAL_MACHINE_CLIENT, ['partnerdesk/reports.read']);

    expect((await call(local.stack.apiUrl, 'POST', '/billing-events', { body })).status).toBe(401);
    expect((await call(local.stack.apiUrl, 'POST', '/billing-events', { token, body })).status).toBe(403);
    expect((await call(local.stack.apiUrl, 'POST', '/billing-events', { token: otherScope, body })).status).toBe(403);
    const { service: _service, ...noService } = body;
    const invalid = await call(local.stack.apiUrl, 'POST', '/billing-events', { token: billingToken, body: { events: [body, noService] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(errorWithCode('validation_failed'));
    expect(invalid.body.error.details.issues).toEqual([{ path: 'body.events.1.service', message: expect.any(String) }]);
    // Nothing of a refused batch is stored: the valid event is still new.
    const retried = await call(local.stack.apiUrl, 'POST', '/billing-events', { token: billingToken, body });
    expect(retried.body.results).toEqual([{ transactionId: body.transactionId, status: 'recorded' }]);
  });

  it('answers 404 for another partner\'s or an unknown client, 409 client_not_active for its own not yet accepted one, and 400 for a bad period', async () => {
    const owner = await partnerWithClient();
    const invited = await partnerWithClient(false);
    const paths = (clientId: string) => [`/clients/${clientId}/balance`, `/clients/${clientId}/balance/detail?from=2026-03-01&to=2026-03-31`, `/clients/${clientId}/expenses?from=2026-03-01&to=2026-03-31`];

    for (const path of [...paths(owner.clientId), ...paths('cli_unknown')]) {
      const response = await call(local.stack.apiUrl, 'GET', path, { token: invited.token });
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.body).toEqual(errorWithCode('not_found'));
    }
    for (const path of paths(invited.clientId)) {
      const response = await call(local.stack.apiUrl, 'GET', path, { token: invited.token });
      expect([path, response.status, response.body.error]).toEqual([path, 409, expect.objectContaining({ code: 'client_not_active', details: { clientId: invited.clientId, status: 'invited' } })]);
      // The other partner still gets 404 for it: the status is said only to the client's own partner.
      expect((await call(local.stack.apiUrl, 'GET', path, { token: owner.token })).status).toBe(404);
    }
    for (const query of ['from=2026-03-02&to=2026-03-01', 'from=2026-01-01&to=2027-01-02', 'from=2026-02-30&to=2026-03-01', 'from=2026-03-01']) {
      const response = await call(local.stack.apiUrl, 'GET', `/clients/${owner.clientId}/balance/detail?${query}`, { token: owner.token });
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.body).toEqual(errorWithCode('validation_failed'));
    }
  });
});
