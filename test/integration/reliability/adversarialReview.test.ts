import { MAX_EVENT_AMOUNT, MAX_LEDGER_AMOUNT } from '../../../shared/domain/balances/BillingEvent';
import { moscowDay } from '../../../shared/domain/moscowTime';
import { routes } from '../../../shared/routeTable';
import { invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { applicationForm, uniqueEmail } from '../../support/applicationFixtures';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../../support/clientFixtures';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';

/**
 * The requests of the adversarial review (issue 14), each sent as the review sent it, with the
 * safe answer they get now. Other items are kept by the unit, infra and fuzz tests.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

const submitForm = (body: unknown, sourceIp: string) =>
  invokeRoute(routeOf(routes, 'POST', '/partner-applications'), { ...jsonBody(body), sourceIp });
const addClient = (token: string, body: unknown, headers: Record<string, string> = {}) => {
  const request = jsonBody(body);
  return invokeRoute(routeOf(routes, 'POST', '/clients'), { ...request, headers: { ...request.headers, ...headers }, token });
};
const parsed = (response: { statusCode?: number; body?: string; headers?: Record<string, unknown> }) => ({
  status: response.statusCode,
  body: JSON.parse(response.body ?? '{}') as unknown,
});

let sourceCounter = 0;
/** A source address no other test of this file uses. */
const newSource = () => `198.51.100.${(sourceCounter += 1)}`;

describe('1. an ill-formed string does not poison mail', () => {
  it('POST /clients with "name":"\\ud800" is 400 naming the field; the next invitation goes out intact', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const poisoned = uniqueClientEmail();

    const refused = await addClient(token, { email: poisoned, name: '\ud800', accountId: await registerCloudAccount(tables.documentClient()) });
    const next = uniqueClientEmail();
    const added = await addClient(token, { email: next, name: 'Next Client', accountId: await registerCloudAccount(tables.documentClient()) });

    expect(parsed(refused)).toEqual({
      status: 400,
      body: { error: { requestId: expect.any(String), code: 'validation_failed', message: expect.any(String), details: { issues: [{ path: 'body.name', message: expect.stringMatching(/well-formed Unicode/) }] } } },
    });
    expect(added.statusCode).toBe(201);
    expect(await mailsTo(poisoned)).toEqual([]);
    expect(await mailsTo(next)).toHaveLength(1);
  });

  it.each([
    ['company', 'Y\ud800'],
    ['name', 'Ann \u202Egnp.exe'],
    ['company', 'Lee\u0000IT'],
    ['name', 'Ann\nBcc: x@example.com'],
    ['message', 'hello \u2066world\u2069'],
  ])('the public form refuses %s %j with 400 naming the field', async (field, value) => {
    const response = await submitForm({ ...applicationForm(), [field]: value }, newSource());
    expect(parsed(response)).toEqual({
      status: 400,
      body: { error: { requestId: expect.any(String), code: 'validation_failed', message: expect.any(String), details: { issues: [{ path: `body.${field}`, message: expect.any(String) }] } } },
    });
  });

  it('the public form keeps the line breaks of a message', async () => {
    const response = await submitForm({ ...applicationForm(), message: 'We resell cloud.\nCall us after 10:00.' }, newSource());
    expect(response.statusCode).toBe(201);
  });
});

describe('2. the public form is not an open mail relay', () => {
  it('20 forms to one victim address with spam text: 3 accepted, the rest 429 with Retry-After; the mails carry none of the spam', async () => {
    const victim = uniqueEmail('victim');
    const spam = { name: 'Cheap pills at spam.example', company: 'Visit spam.example now', message: 'spam.example spam.example' };
    const statuses: number[] = [];
    let refusal: { statusCode?: number; headers?: Record<string, unknown>; body?: string } | undefined;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // Every form from another address, as a botnet would send them: the per-address limit holds alone.
      const response = await submitForm({ ...spam, email: victim, phone: '+74950000000', message: `${spam.message} ${attempt}` }, newSource());
      statuses.push(response.statusCode ?? 0);
      if (response.statusCode === 429) refusal ??= response;
    }

    expect(statuses).toEqual([...Array(3).fill(201), ...Array(17).fill(429)]);
    expect(Number(refusal?.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(parsed(refusal ?? {}).body).toMatchObject({ error: { requestId: expect.any(String), code: 'rate_limited' } });
    const mails = await mailsTo(victim);
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(`${mail.subject} ${mail.body.text}`).not.toContain('spam.example');
  });

  it('one source address gets 5 forms an hour, then 429', async () => {
    const source = newSource();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await submitForm(applicationForm(), source)).statusCode ?? 0);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect((await submitForm(applicationForm(), newSource())).statusCode).toBe(201);
  });
});

describe('7. invitation links never come from the Host header', () => {
  it('POST /clients with Host: evil.example mails a link to the configured console', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const email = uniqueClientEmail();
    const response = await addClient(token, { email, accountId: await registerCloudAccount(tables.documentClient()) }, { host: 'evil.example', 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(201);
    const [mail] = await mailsTo(email);
    expect(mail?.body.text).toContain(`${process.env.PUBLIC_BASE_URL}/invitations/${mail ? tokenFromMail(mail) : ''}`);
    expect(mail?.body.text).not.toContain('evil.example');
  });
});

describe('10. public Idempotency-Keys are not one shared namespace', () => {
  it("a key an attacker sent first does not turn the victim's form into 422 nor replay the attacker's answer", async () => {
    const key = 'form-submit-1';
    const withKey = (body: unknown, sourceIp: string) =>
      invokeRoute(routeOf(routes, 'POST', '/partner-applications'), { ...jsonBody(body), headers: { 'content-type': 'application/json', 'idempotency-key': key }, sourceIp });

    const attacker = await withKey(applicationForm(), newSource());
    const victimForm = applicationForm();
    const victim = await withKey(victimForm, newSource());
    const victimRetry = await withKey(victimForm, newSource());

    expect(attacker.statusCode).toBe(201);
    expect(victim.statusCode).toBe(201);
    expect(parsed(victim).body).not.toEqual(parsed(attacker).body);
    // A retry from another address is another caller too: the duplicate window (same form) answers it with the same application.
    expect(parsed(victimRetry).body).toMatchObject({ id: (parsed(victim).body as { id: string }).id });
  });

  it('the same caller retrying with the key gets the first answer replayed', async () => {
    const form = applicationForm();
    const source = newSource();
    const send = () => invokeRoute(routeOf(routes, 'POST', '/partner-applications'), {
      ...jsonBody(form), headers: { 'content-type': 'application/json', 'idempotency-key': 'retry-1' }, sourceIp: source,
    });
    const first = await send();
    const retry = await send();
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
  });
});

describe('6. crafted cursors and far-future instants', () => {
  it.each([
    ['GET', '/clients', {}],
    ['GET', '/clients', { search: 'an' }],
    ['GET', '/clients', { status: 'invited' }],
    ['GET', '/audit', {}],
    ['GET', '/partner-applications', {}],
    ['GET', '/partner-applications', { status: 'new' }],
  ] as const)('%s %s %j with the crafted cursor of the review is 400 invalid_cursor', async (method, path, query) => {
    const partner = await createPartner(tables.documentClient());
    const token = path === '/partner-applications' ? await issued().manager() : await issued().partner(partner.partnerId);
    const crafted = Buffer.from(JSON.stringify({ pk: `PARTNER#${partner.partnerId}`, clientsOf: partner.partnerId })).toString('base64url');

    const response = await invokeRoute(routeOf(routes, method, path), { token, query: { ...query, cursor: crafted } });

    expect(parsed(response)).toEqual({
      status: 400,
      body: { error: { requestId: expect.any(String), code: 'invalid_cursor', message: expect.any(String), details: { issues: [{ path: 'query.cursor', message: expect.any(String) }] } } },
    });
  });

  it("a partner's genuine cursor is invalid for another partner and for another search", async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    for (let n = 0; n < 3; n += 1) {
      await addClient(token, { email: uniqueClientEmail(), accountId: await registerCloudAccount(tables.documentClient()) });
    }
    const firstPage = parsed(await invokeRoute(routeOf(routes, 'GET', '/clients'), { token, query: { limit: '1' } })).body as { nextCursor: string };
    const other = await issued().partner((await createPartner(tables.documentClient())).partnerId);

    const own = await invokeRoute(routeOf(routes, 'GET', '/clients'), { token, query: { limit: '1', cursor: firstPage.nextCursor } });
    const foreign = await invokeRoute(routeOf(routes, 'GET', '/clients'), { token: other, query: { limit: '1', cursor: firstPage.nextCursor } });
    const searched = await invokeRoute(routeOf(routes, 'GET', '/clients'), { token, query: { limit: '1', search: 'client', cursor: firstPage.nextCursor } });

    expect(own.statusCode).toBe(200);
    expect([foreign.statusCode, searched.statusCode]).toEqual([400, 400]);
  });

  it('GET /audit?to=9999-12-31T23:00:00-05:00 (UTC year 10000) is 400 naming query.to', async () => {
    const token = await issued().partner((await createPartner(tables.documentClient())).partnerId);
    const response = await invokeRoute(routeOf(routes, 'GET', '/audit'), { token, query: { to: '9999-12-31T23:00:00-05:00' } });
    expect(parsed(response)).toEqual({
      status: 400,
      body: { error: { requestId: expect.any(String), code: 'validation_failed', message: expect.any(String), details: { issues: [{ path: 'query.to', message: expect.stringMatching(/UTC year/) }] } } },
    });
  });
});

describe('5. balances stay exact', () => {
  it('an event that would take a balance or a total beyond the bound is rejected; the balance and the list still answer', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const system = await issued().system();
    const accountId = await registerCloudAccount(tables.documentClient());
    const email = uniqueClientEmail();
    const added = parsed(await addClient(token, { email, accountId })).body as { id: string };
    const [mail] = await mailsTo(email);
    // The account's owner accepts, signed in to the cloud console.
    const accepted = await invokeRoute(routeOf(routes, 'POST', '/invitations/{token}/accept'), {
      pathParameters: { token: mail ? tokenFromMail(mail) : '' }, token: await issued().console(accountId),
    });
    expect(accepted.statusCode).toBe(200);

    const events = (type: string, prefix: string, count: number) => Array.from({ length: count }, (_, n) => ({
      transactionId: `${prefix}-${accountId}-${n}`, accountId, type, amount: MAX_EVENT_AMOUNT, currency: 'RUB', occurredAt: new Date().toISOString(),
    }));
    const post = async (batch: unknown[]) =>
      parsed(await invokeRoute(routeOf(routes, 'POST', '/billing-events'), { ...jsonBody({ events: batch }), token: system })).body as { recorded: number; results: Array<{ reason?: string }> };

    const filled = await post(events('deposit', 'fill', MAX_LEDGER_AMOUNT / MAX_EVENT_AMOUNT));
    const beyond = await post(events('deposit', 'beyond', 1));
    const drained = await post(events('withdrawal', 'drain', MAX_LEDGER_AMOUNT / MAX_EVENT_AMOUNT));
    // The balance is back at 0, but the day's deposits would pass the bound.
    const pumped = await post(events('deposit', 'pump', 1));

    expect(filled.recorded).toBe(MAX_LEDGER_AMOUNT / MAX_EVENT_AMOUNT);
    expect(beyond.results).toEqual([expect.objectContaining({ status: 'rejected', reason: 'amount_out_of_range' })]);
    expect(drained.recorded).toBe(MAX_LEDGER_AMOUNT / MAX_EVENT_AMOUNT);
    expect(pumped.results).toEqual([expect.objectContaining({ status: 'rejected', reason: 'amount_out_of_range' })]);
    const balance = await invokeRoute(routeOf(routes, 'GET', '/clients/{id}/balance'), { token, pathParameters: { id: added.id } });
    expect(parsed(balance)).toMatchObject({ status: 200, body: { balance: { amount: 0, currency: 'RUB' } } });
    expect((await invokeRoute(routeOf(routes, 'GET', '/clients'), { token })).statusCode).toBe(200);
    const detail = await invokeRoute(routeOf(routes, 'GET', '/clients/{id}/balance/detail'), { token, pathParameters: { id: added.id }, query: { from: moscowDay(new Date()), to: moscowDay(new Date()) } });
    expect(parsed(detail)).toMatchObject({ status: 200, body: { totals: { deposits: { amount: MAX_LEDGER_AMOUNT } } } });
  });
});
