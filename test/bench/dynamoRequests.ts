import { randomBytes } from 'node:crypto';
import type { LocalStack } from '../../infra/local/localStack';
import { seedBalances } from '../../infra/local/seedBalances';
import { applicationDeps, clientDeps, documentClient } from '../../shared/adapters/runtime';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import { CONTACT_DEADLINE_MS } from '../../shared/domain/applications/PartnerApplication';
import { addClient } from '../../shared/domain/clients/addClient';
import { FixedClock } from '../../shared/domain/Clock';
import { addMoscowDays, moscowDay } from '../../shared/domain/moscowTime';
import type { Partner } from '../../shared/ports/PartnerRepository';
import { routes } from '../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { applicationForm } from '../support/applicationFixtures';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { countRequests, type RequestCount } from '../support/dynamoProbe';
import { mailsTo } from '../support/sesInbox';
import { mark, markdownTable } from './markdownTable';
import { countApplications, seedWaitingApplications } from './seedApplications';

/** The large store (issue 8: the escalation job over 10 000 applications). */
const LARGE_STORE = { applications: 10_000, clientsOfPartner: 250 };
/** Overdue counts of the escalation runs: 0 and 10 give the formula, 50 checks it. */
const OVERDUE_COUNTS = [0, 10, 50] as const;
/** Clients added concurrently while seeding the large store. */
const SEED_PARALLEL = 8;

/** What one operation sent to DynamoDB. */
interface Tally {
  readonly total: number;
  readonly byCommand: Record<string, number>;
}

/** A measured operation: `prepare` arranges what it needs (not counted) and returns the act to count. */
interface Operation {
  readonly name: string;
  /** Requests must not grow with the store (`constant`) or may grow with the days asked for (`days`). */
  readonly grows?: { readonly days: number };
  prepare(): Promise<() => Promise<unknown>>;
}

/** Periods of the balance reads (issue 8: detail for 30 and 365 days). */
const PERIOD_DAYS = [30, 365] as const;
/** Months of billing history of the measured client (enough for the longest period). */
const HISTORY_MONTHS = 13;

/** Calls the real handlers as a manager, a partner or anonymously; anything but 2xx throws. */
interface Caller {
  readonly partner: Partner;
  call(method: 'GET' | 'POST', path: string, request: ApiRequest): Promise<Record<string, unknown>>;
  asManager(request?: ApiRequest): ApiRequest;
  asPartner(request?: ApiRequest): ApiRequest;
}

function tallyOf(count: RequestCount): Tally {
  return { total: count.total(), byCommand: count.byCommand() };
}

function describeCommands(byCommand: Record<string, number>): string {
  return Object.entries(byCommand).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ');
}

const withIdempotencyKey = (request: ApiRequest): ApiRequest => ({
  ...request,
  headers: { ...request.headers, 'idempotency-key': randomBytes(8).toString('hex') },
});

async function caller(stack: LocalStack): Promise<Caller> {
  const partner = await createPartner(documentClient(), 'Bench Partner LLC');
  const managerToken = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
  const partnerToken = await stack.tokens.personToken({
    sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId,
  });
  return {
    partner,
    call: async (method, path, request) => {
      const response = await invokeRoute(routeOf(routes, method, path), request);
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${response.body ?? ''}`);
      return JSON.parse(response.body || '{}') as Record<string, unknown>;
    },
    asManager: (request = {}) => ({ ...request, token: managerToken }),
    asPartner: (request = {}) => ({ ...request, token: partnerToken }),
  };
}

function applicationOperations({ call, asManager }: Caller): Operation[] {
  const submit = async (): Promise<string> => String((await call('POST', '/partner-applications', jsonBody(applicationForm()))).id);
  const decide = (action: 'contact' | 'approve' | 'reject', body?: unknown) => async (): Promise<() => Promise<unknown>> => {
    const id = await submit();
    if (action === 'approve') await call('POST', '/partner-applications/{id}/contact', asManager({ pathParameters: { id } }));
    const request = asManager({ pathParameters: { id }, ...(body !== undefined && jsonBody(body)) });
    return () => call('POST', `/partner-applications/{id}/${action}`, request);
  };
  return [
    {
      name: 'submit application (POST /partner-applications)',
      prepare: async () => {
        const request = jsonBody(applicationForm());
        return () => call('POST', '/partner-applications', request);
      },
    },
    {
      name: 'submit application with Idempotency-Key',
      prepare: async () => {
        const request = withIdempotencyKey(jsonBody(applicationForm()));
        return () => call('POST', '/partner-applications', request);
      },
    },
    {
      name: 'replayed Idempotency-Key (same response, nothing done)',
      prepare: async () => {
        const request = withIdempotencyKey(jsonBody(applicationForm()));
        await call('POST', '/partner-applications', request);
        return () => call('POST', '/partner-applications', request);
      },
    },
    {
      name: 'list applications, page of 20',
      prepare: async () => () => call('GET', '/partner-applications', asManager({ query: { limit: '20' } })),
    },
    {
      name: 'get application',
      prepare: async () => {
        const request = asManager({ pathParameters: { id: await submit() } });
        return () => call('GET', '/partner-applications/{id}', request);
      },
    },
    { name: 'contact application', prepare: decide('contact') },
    { name: 'approve application (partner, login, welcome mail)', prepare: decide('approve') },
    { name: 'reject application', prepare: decide('reject', { reason: 'Not a reseller' }) },
  ];
}

function clientOperations({ call, asPartner }: Caller): Operation[] {
  const newClient = async (): Promise<{ id: string; email: string }> => {
    const email = uniqueClientEmail();
    const accountId = await registerCloudAccount(documentClient());
    const client = await call('POST', '/clients', asPartner(jsonBody({ email, accountId, name: 'Bench Client' })));
    return { id: String(client.id), email };
  };
  return [
    {
      name: 'add client (POST /clients)',
      prepare: async () => {
        const request = asPartner(jsonBody({ email: uniqueClientEmail(), accountId: await registerCloudAccount(documentClient()) }));
        return () => call('POST', '/clients', request);
      },
    },
    {
      name: 'list clients, page of 20',
      prepare: async () => () => call('GET', '/clients', asPartner({ query: { limit: '20' } })),
    },
    {
      name: 'get client',
      prepare: async () => {
        const request = asPartner({ pathParameters: { id: (await newClient()).id } });
        return () => call('GET', '/clients/{id}', request);
      },
    },
    {
      name: 'resend invitation',
      prepare: async () => {
        const request = asPartner({ pathParameters: { id: (await newClient()).id } });
        return () => call('POST', '/clients/{id}/invitation/resend', request);
      },
    },
    {
      name: 'accept invitation (POST /invitations/{token}/accept)',
      prepare: async () => {
        const { email } = await newClient();
        const mail = (await mailsTo(email)).at(-1);
        if (!mail) throw new Error(`no invitation mail to ${email}`);
        const request = { pathParameters: { token: tokenFromMail(mail) } };
        return () => call('POST', '/invitations/{token}/accept', request);
      },
    },
  ];
}

function balanceOperations({ call, asPartner }: Caller): Operation[] {
  let clientWithHistory: Promise<string> | undefined;
  /** An active client of the partner with 13 months of billing (accepted invitation, events through the importer). */
  const client = (): Promise<string> => {
    clientWithHistory ??= (async () => {
      const email = uniqueClientEmail();
      const accountId = await registerCloudAccount(documentClient());
      const added = await call('POST', '/clients', asPartner(jsonBody({ email, accountId })));
      const mail = (await mailsTo(email)).at(-1);
      if (!mail) throw new Error(`no invitation mail to ${email}`);
      await call('POST', '/invitations/{token}/accept', { pathParameters: { token: tokenFromMail(mail) } });
      const seeded = await seedBalances([accountId], { now: new Date(), months: HISTORY_MONTHS });
      if (seeded.recorded === 0) throw new Error('no billing history was recorded');
      return String(added.id);
    })();
    return clientWithHistory;
  };
  const today = moscowDay(new Date());
  return PERIOD_DAYS.flatMap((days) => {
    const query = { from: addMoscowDays(today, 1 - days), to: today };
    const read = (path: string) => async (): Promise<() => Promise<unknown>> => {
      const request = asPartner({ pathParameters: { id: await client() }, query });
      return () => call('GET', path, request);
    };
    return [
      { name: `balance detail, ${days} days`, grows: { days }, prepare: read('/clients/{id}/balance/detail') },
      { name: `expenses on services, ${days} days`, grows: { days }, prepare: read('/clients/{id}/expenses') },
    ];
  });
}

/** Gives the partner `count` more clients through the real use case (invitation mails included). */
async function seedClients(partner: Partner, count: number): Promise<void> {
  const actor = { kind: 'partner', id: `usr_${partner.partnerId}` } as const;
  const one = async (): Promise<void> => {
    const accountId = await registerCloudAccount(documentClient());
    await addClient(clientDeps('https://bench.local'), partner.partnerId, actor, { email: uniqueClientEmail(), accountId });
  };
  for (let done = 0; done < count; done += SEED_PARALLEL) {
    await Promise.all(Array.from({ length: Math.min(SEED_PARALLEL, count - done) }, one));
  }
}

/**
 * Section 2: DynamoDB requests per operation, counted by an SDK middleware on the shared
 * DocumentClient while the real handlers run against DynamoDB Local. Every operation runs once on
 * a small store and once on a large one, so a count that grows with the data shows up.
 */
export async function benchDynamoRequests(stack: LocalStack): Promise<string> {
  const client = documentClient();
  const api = await caller(stack);
  const operations = [...applicationOperations(api), ...clientOperations(api), ...balanceOperations(api)];
  const count = countRequests(client);

  const measure = async (operation: Operation): Promise<Tally> => {
    const act = await operation.prepare();
    count.reset();
    await act();
    return tallyOf(count);
  };

  /** Submits `overdue` applications 49 hours ago (receipt mail sent), then counts one job run. */
  const escalation = async (overdue: number): Promise<Tally> => {
    const past = new FixedClock(new Date(Date.now() - CONTACT_DEADLINE_MS - 60 * 60 * 1000));
    for (let i = 0; i < overdue; i += 1) await submitApplication({ ...applicationDeps(), clock: past }, applicationForm());
    count.reset();
    const result = (await stack.runJob('escalateApplications')) as { escalated: number };
    if (result.escalated !== overdue) throw new Error(`The job escalated ${result.escalated} applications, expected ${overdue}`);
    return tallyOf(count);
  };

  const phase = async (): Promise<{ single: Tally[]; escalation: Tally[] }> => {
    const escalations: Tally[] = [];
    for (const overdue of OVERDUE_COUNTS) escalations.push(await escalation(overdue));
    const singles: Tally[] = [];
    for (const operation of operations) singles.push(await measure(operation));
    return { single: singles, escalation: escalations };
  };

  const small = await phase();
  const smallApplications = await countApplications(client);
  // Fill up so that the 10-overdue run sees exactly 10 000 applications, 10 of them overdue.
  const overdueBeforeFull = OVERDUE_COUNTS[0] + OVERDUE_COUNTS[1];
  await seedWaitingApplications(client, LARGE_STORE.applications - smallApplications - overdueBeforeFull, new Date());
  await seedClients(api.partner, LARGE_STORE.clientsOfPartner);
  const large = await phase();
  count.stop();

  const rows = operations.map((operation, i) => {
    const [s, l] = [small.single[i], large.single[i]];
    if (!operation.grows) {
      return [operation.name, s?.total ?? '', l?.total ?? '', describeCommands(l?.byCommand ?? {}), 'constant', mark(s?.total === l?.total)];
    }
    // The same read over the shortest period: requests may grow at most in proportion to the days.
    const shortest = operations.findIndex((other) => other.name === operation.name.replace(/\d+ days$/, `${PERIOD_DAYS[0]} days`));
    const base = large.single[shortest]?.total ?? 0;
    const proportional = (l?.total ?? 0) <= Math.ceil((base * operation.grows.days) / PERIOD_DAYS[0]);
    return [operation.name, s?.total ?? '', l?.total ?? '', describeCommands(l?.byCommand ?? {}), '∝ days at most', mark(s?.total === l?.total && proportional)];
  });
  const [zero, ten] = [large.escalation[0]?.total ?? 0, large.escalation[1]?.total ?? 0];
  const perOverdue = (ten - zero) / OVERDUE_COUNTS[1];
  OVERDUE_COUNTS.forEach((overdue, i) => {
    const [s, l] = [small.escalation[i], large.escalation[i]];
    rows.push([
      `escalation job, ${overdue} overdue`,
      s?.total ?? '',
      l?.total ?? '',
      describeCommands(l?.byCommand ?? {}),
      `∝ overdue: ${zero} + ${perOverdue}·overdue`,
      mark(s?.total === l?.total && l?.total === zero + perOverdue * overdue),
    ]);
  });
  const table = markdownTable(
    ['operation', 'requests, small store', 'requests, large store', 'by command (large store)', 'target', 'same on both stores (and linear)'],
    rows,
  );
  return `${table}\n\nSmall store: ≤ ${smallApplications} applications, a few clients. Large store: ` +
    `${LARGE_STORE.applications.toLocaleString('en')} applications (exactly that many, 10 overdue, at the 10-overdue run) ` +
    `and ${LARGE_STORE.clientsOfPartner} more clients of the measuring partner. Balance reads: one active client with ${HISTORY_MONTHS} months ` +
    'of billing events imported through the billing importer.';
}
