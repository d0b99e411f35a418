import { randomBytes } from 'node:crypto';
import { LOCAL_CONSOLE_AUDIENCE } from '../../infra/local/consoleSignIn';
import type { LocalStack } from '../../infra/local/localStack';
import { seedBalances } from '../../infra/local/seedBalances';
import { applicationDeps, clientDeps, documentClient } from '../../shared/adapters/compositionRoot';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import { CONTACT_DEADLINE_MS } from '../../shared/domain/applications/PartnerApplication';
import { addClient } from '../../shared/domain/clients/addClient';
import { FixedClock, SystemClock } from '../../shared/domain/Clock';
import { addMoscowDays, moscowDay } from '../../shared/domain/moscowTime';
import { physicalTableName, type TableName, tables } from '../../shared/adapters/dynamodb/tables';
import { CLAIMS } from '../../shared/http/Principal';
import type { Partner } from '../../shared/domain/partners/Partner';
import { routes } from '../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { applicationForm } from '../support/applicationFixtures';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { storedClients } from '../support/clientOperationFixtures';
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

/** Sizes of the bulk block (issue 8: 100 and 500 clients). */
const BULK_SIZES = [100, 500] as const;
/** Target of a bulk operation: at most one request per 25 clients, plus the fixed cost of the operation on one client. */
const CLIENTS_PER_REQUEST = 25;

/** What one operation sent to DynamoDB. */
interface Tally {
  readonly total: number;
  readonly byCommand: Record<string, number>;
  /** Requests to the local stand-ins of Cognito and EventBridge (other services in AWS, not counted in `total`). */
  readonly standIns: number;
}

/** A measured operation: `prepare` arranges what it needs (not counted) and returns the act to count. */
interface Operation {
  readonly name: string;
  /**
   * Requests must not grow with the store (`constant`), may grow with the days asked for, or with
   * the clients named: then at most ⌈N/25⌉ plus what the same operation on one client (`single`,
   * the name of that row) needs beyond its one request.
   */
  readonly grows?: { readonly days: number } | { readonly clients: number; readonly single: string };
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
  /** Signed in to the cloud console as the owner of the account (the one who answers its invitations). */
  asOwnerOf(accountId: string, request?: ApiRequest): Promise<ApiRequest>;
}

function tallyOf(count: RequestCount): Tally {
  return { total: count.total(), byCommand: count.byCommand(), standIns: count.standIns() };
}

function describeCommands(tally: Tally | undefined): string {
  const commands = Object.entries(tally?.byCommand ?? {}).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ');
  return tally?.standIns ? `${commands}; + ${tally.standIns} to local stand-ins of Cognito / EventBridge` : commands;
}

/** Physical names of the tables that stand in locally for Cognito and EventBridge. */
function standInTables(): Set<string> {
  return new Set(
    (Object.entries(tables) as [TableName, { localOnly?: boolean }][]).filter(([, spec]) => spec.localOnly).map(([name]) => physicalTableName(name)),
  );
}

const withIdempotencyKey = (request: ApiRequest): ApiRequest => ({
  ...request,
  headers: { ...request.headers, 'idempotency-key': randomBytes(8).toString('hex') },
});

async function caller(stack: LocalStack): Promise<Caller> {
  // Operations repeat the same form from loopback: the public form's limits would answer 429 instead of measuring it.
  process.env.FORM_SUBMISSIONS_PER_SENDER_PER_HOUR = String(Number.MAX_SAFE_INTEGER);
  process.env.FORM_SUBMISSIONS_PER_ADDRESS_PER_DAY = String(Number.MAX_SAFE_INTEGER);
  const partner = await createPartner(documentClient(), 'Bench Partner LLC');
  const managerToken = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
  const partnerToken = await stack.tokens.personToken({
    sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId,
  });
  return {
    partner,
    call: async (method, path, request) => {
      const response = await invokeRoute(routeOf(routes, method, path), request, { validate: false });
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${response.body ?? ''}`);
      return JSON.parse(response.body || '{}') as Record<string, unknown>;
    },
    asManager: (request = {}) => ({ ...request, token: managerToken }),
    asPartner: (request = {}) => ({ ...request, token: partnerToken }),
    asOwnerOf: async (accountId, request = {}) => ({
      ...request,
      token: await stack.consoleTokens.sign({ sub: `owner-of-${accountId}`, aud: LOCAL_CONSOLE_AUDIENCE, token_use: 'id', [CLAIMS.accountId]: accountId }),
    }),
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

function clientOperations({ call, asPartner, asOwnerOf, partner }: Caller): Operation[] {
  const newClient = async (): Promise<{ id: string; email: string; accountId: string }> => {
    const email = uniqueClientEmail();
    const accountId = await registerCloudAccount(documentClient());
    const client = await call('POST', '/clients', asPartner(jsonBody({ email, accountId, name: 'Bench Client' })));
    return { id: String(client.id), email, accountId };
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
      // Every client on the page is active, so the page's balances are read too (one batched read).
      name: 'list clients, page of 20 active (with balances)',
      prepare: async () => {
        await storedClients(documentClient(), new SystemClock(), partner.partnerId, 'active', 20);
        return () => call('GET', '/clients', asPartner({ query: { limit: '20', status: 'active' } }));
      },
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
        const { email, accountId } = await newClient();
        const mail = (await mailsTo(email)).at(-1);
        if (!mail) throw new Error(`no invitation mail to ${email}`);
        const request = await asOwnerOf(accountId, { pathParameters: { token: tokenFromMail(mail) } });
        return () => call('POST', '/invitations/{token}/accept', request);
      },
    },
  ];
}

function balanceOperations({ call, asPartner, asOwnerOf }: Caller): Operation[] {
  let clientWithHistory: Promise<string> | undefined;
  /** An active client of the partner with 13 months of billing (accepted invitation, events through the importer). */
  const client = (): Promise<string> => {
    clientWithHistory ??= (async () => {
      const email = uniqueClientEmail();
      const accountId = await registerCloudAccount(documentClient());
      const added = await call('POST', '/clients', asPartner(jsonBody({ email, accountId })));
      const mail = (await mailsTo(email)).at(-1);
      if (!mail) throw new Error(`no invitation mail to ${email}`);
      await call('POST', '/invitations/{token}/accept', await asOwnerOf(accountId, { pathParameters: { token: tokenFromMail(mail) } }));
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

/**
 * Bulk block of `BULK_SIZES` active clients through `POST /clients/bulk`: the preview, and the
 * confirmed run (status + audit + follow-up per client in packed transactions, then the login gate
 * and the events). The clients are stored through the real repository and state machine beforehand.
 */
function bulkOperations({ call, asPartner, partner }: Caller): Operation[] {
  const activeClients = async (count: number): Promise<string[]> =>
    (await storedClients(documentClient(), new SystemClock(), partner.partnerId, 'active', count)).map((client) => client.id);
  const oneActiveClient = async (): Promise<string> => (await activeClients(1)).join('');
  /** The preview's token; throws when there is nothing to confirm. */
  const tokenOf = (preview: Record<string, unknown>): string => {
    const token = (preview.confirmation as { token?: string } | null)?.token;
    if (!token) throw new Error('the preview of a block of active clients has nothing to confirm');
    return token;
  };
  const SINGLE = { preview: 'block one client (POST /clients/{id}/block), preview', confirmed: 'block one client, confirmed' };
  const single: Operation[] = [
    {
      name: SINGLE.preview,
      prepare: async () => {
        const id = await oneActiveClient();
        return () => call('POST', '/clients/{id}/block', asPartner({ pathParameters: { id } }));
      },
    },
    {
      name: SINGLE.confirmed,
      prepare: async () => {
        const id = await oneActiveClient();
        const preview = await call('POST', '/clients/{id}/block', asPartner({ pathParameters: { id } }));
        const request = asPartner({ pathParameters: { id }, ...jsonBody({ confirm: tokenOf(preview) }) });
        return () => call('POST', '/clients/{id}/block', request);
      },
    },
  ];
  const bulk = BULK_SIZES.flatMap((size): Operation[] => [
    {
      name: `bulk block preview, ${size} clients`,
      grows: { clients: size, single: SINGLE.preview },
      prepare: async () => {
        const request = asPartner(jsonBody({ action: 'block', clientIds: await activeClients(size) }));
        return () => call('POST', '/clients/bulk', request);
      },
    },
    {
      name: `bulk block confirmed, ${size} clients`,
      grows: { clients: size, single: SINGLE.confirmed },
      prepare: async () => {
        const clientIds = await activeClients(size);
        const preview = await call('POST', '/clients/bulk', asPartner(jsonBody({ action: 'block', clientIds })));
        const request = asPartner(jsonBody({ action: 'block', clientIds, confirm: tokenOf(preview) }));
        return async () => {
          const result = await call('POST', '/clients/bulk', request);
          const done = (result.summary as { done?: number } | undefined)?.done;
          if (done !== size) throw new Error(`the bulk block did ${String(done)} of ${size} clients`);
        };
      },
    },
  ]);
  return [...single, ...bulk];
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
  const operations = [...applicationOperations(api), ...clientOperations(api), ...balanceOperations(api), ...bulkOperations(api)];
  const count = countRequests(client, { standInTables: standInTables() });

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
    const row = (target: string, ok: boolean) => [operation.name, s?.total ?? '', l?.total ?? '', describeCommands(l), target, mark(s?.total === l?.total && ok)];
    if (!operation.grows) return row('constant', true);
    if ('days' in operation.grows) {
      // The same read over the shortest period: requests may grow at most in proportion to the days.
      const shortest = large.single[operations.findIndex((other) => other.name === operation.name.replace(/\d+ days$/, `${PERIOD_DAYS[0]} days`))];
      return row('∝ days at most', (l?.total ?? 0) <= Math.ceil(((shortest?.total ?? 0) * operation.grows.days) / PERIOD_DAYS[0]));
    }
    const { clients, single } = operation.grows;
    const constant = (large.single[operations.findIndex((other) => other.name === single)]?.total ?? 0) - 1;
    const limit = Math.ceil(clients / CLIENTS_PER_REQUEST) + constant;
    return row(`≤ ⌈N/${CLIENTS_PER_REQUEST}⌉ + ${constant} = ${limit}`, (l?.total ?? 0) <= limit);
  });
  const [zero, ten] = [large.escalation[0]?.total ?? 0, large.escalation[1]?.total ?? 0];
  const perOverdue = (ten - zero) / OVERDUE_COUNTS[1];
  OVERDUE_COUNTS.forEach((overdue, i) => {
    const [s, l] = [small.escalation[i], large.escalation[i]];
    rows.push([
      `escalation job, ${overdue} overdue`,
      s?.total ?? '',
      l?.total ?? '',
      describeCommands(l),
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
    'of billing events imported through the billing importer. Bulk block: that many active clients of the measuring partner, ' +
    'stored beforehand; requests to the local stand-ins of Cognito (login gate) and EventBridge (events) are shown apart, ' +
    'as in AWS they are calls to those services (at most 8 in flight), not DynamoDB requests.';
}
