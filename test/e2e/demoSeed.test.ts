import { type DemoData, seedDemoData } from '../../infra/local/seed';
import { call } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';

const local = useLocalStack();
let demo: DemoData;
let partnerToken: string;

beforeAll(async () => {
  demo = await seedDemoData(local.stack.apiUrl);
  // As `npm start` signs it.
  partnerToken = await local.stack.tokens.personToken({
    sub: `local-${demo.partner.email}`, email: demo.partner.email, role: 'partner', partnerId: demo.partner.partnerId,
  });
}, 120_000);

describe('the demo data `npm start` seeds and prints', () => {
  it('gives the demo partner clients in several states, the active ones with balances', async () => {
    const clients = await call(local.stack.apiUrl, 'GET', '/clients', { token: partnerToken });
    const statuses = (clients.body.items as Array<{ status: string }>).map((client) => client.status).sort();

    expect(statuses).toEqual(['active', 'active', 'active', 'declined', 'invited']);
    expect(demo.billingEvents).toBeGreaterThan(0);
    for (const id of demo.clients.activeClientIds) {
      const balance = await call(local.stack.apiUrl, 'GET', `/clients/${id}/balance`, { token: partnerToken });
      expect([balance.status, balance.body.clientId]).toEqual([200, id]);
      expect(balance.body.balance).toMatchObject({ amount: expect.any(Number), currency: 'RUB' });
    }
  });

  it('lets the printed "Try it" bulk block of two active clients preview and run', async () => {
    const body = { action: 'block', clientIds: demo.clients.activeClientIds.slice(0, 2) };
    const preview = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token: partnerToken, body });
    expect(preview.body.summary).toEqual({ willChange: 2, skipped: 0, notFound: 0 });

    const run = await call(local.stack.apiUrl, 'POST', '/clients/bulk', { token: partnerToken, body: { ...body, confirm: preview.body.confirmation.token } });

    expect(run.body.summary).toEqual({ done: 2, skipped: 0, notFound: 0, failed: 0 });
  });

  it('signs in the printed demo logins', async () => {
    for (const email of [demo.manager.email, demo.partner.email]) {
      expect((await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { email } })).status).toBe(200);
    }
  });
});
