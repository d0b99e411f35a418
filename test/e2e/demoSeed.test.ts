import { type LocalStack, startLocalStack } from '../../infra/local/localStack';
import { type DemoData, seedDemoData } from '../../infra/local/seed';
import { call } from '../support/http';

// Starting the stack and seeding months of billing takes a while (the project's testTimeout does not reach hooks).
jest.setTimeout(120_000);

let stack: LocalStack;
let demo: DemoData;
let partnerToken: string;

beforeAll(async () => {
  stack = await startLocalStack();
  demo = await seedDemoData(stack.apiUrl);
  // As `npm start` signs it.
  partnerToken = await stack.tokens.personToken({
    sub: `local-${demo.partner.email}`, email: demo.partner.email, role: 'partner', partnerId: demo.partner.partnerId,
  });
});

afterAll(async () => {
  await stack.stop();
});

describe('the demo data `npm start` seeds and prints', () => {
  it('gives the demo partner clients in several states, the active ones with balances', async () => {
    const clients = await call(stack.apiUrl, 'GET', '/clients', { token: partnerToken });
    const statuses = (clients.body.items as Array<{ status: string }>).map((client) => client.status).sort();

    expect(statuses).toEqual(['active', 'active', 'active', 'declined', 'invited']);
    expect(demo.billingEvents).toBeGreaterThan(0);
    for (const id of demo.clients.activeClientIds) {
      const balance = await call(stack.apiUrl, 'GET', `/clients/${id}/balance`, { token: partnerToken });
      expect([balance.status, balance.body.clientId]).toEqual([200, id]);
      expect(balance.body.balance).toMatchObject({ amount: expect.any(Number), currency: 'RUB' });
    }
  });

  it('lets the printed "Try it" bulk block of two active clients preview and run', async () => {
    const body = { action: 'block', clientIds: demo.clients.activeClientIds.slice(0, 2) };
    const preview = await call(stack.apiUrl, 'POST', '/clients/bulk', { token: partnerToken, body });
    expect(preview.body.summary).toEqual({ willChange: 2, skipped: 0, notFound: 0 });

    const run = await call(stack.apiUrl, 'POST', '/clients/bulk', { token: partnerToken, body: { ...body, confirm: preview.body.confirmation.token } });

    expect(run.body.summary).toEqual({ done: 2, skipped: 0, notFound: 0, failed: 0 });
  });

  it('signs in the printed demo logins', async () => {
    for (const email of [demo.manager.email, demo.partner.email]) {
      expect((await call(stack.apiUrl, 'POST', '/__local/login', { body: { email } })).status).toBe(200);
    }
  });
});
