import { randomBytes } from 'node:crypto';
import type { LocalStack } from '../../infra/local/localStack';
import { applicationDeps, documentClient } from '../../shared/adapters/runtime';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import { type ApplicationForm, CONTACT_DEADLINE_MS } from '../../shared/domain/applications/PartnerApplication';
import { FixedClock } from '../../shared/domain/Clock';
import { routes } from '../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { countRequests, type RequestCount } from '../support/dynamoProbe';
import { mark, markdownTable } from './markdownTable';
import { countApplications, seedWaitingApplications } from './seedApplications';

/** Store size of the "large" measurements (issue 8: escalation with 10 000 applications). */
const LARGE_STORE = 10_000;
/** Overdue counts of the escalation runs: 0 and 10 give the formula, 50 checks it. */
const OVERDUE_COUNTS = [0, 10, 50] as const;

/** What one operation sent to DynamoDB. */
interface Tally {
  readonly total: number;
  readonly byCommand: Record<string, number>;
}

/** A measured operation: `prepare` arranges what it needs (not counted) and returns the act to count. */
interface Operation {
  readonly name: string;
  prepare(): Promise<() => Promise<unknown>>;
}

function tallyOf(count: RequestCount): Tally {
  return { total: count.total(), byCommand: count.byCommand() };
}

function describeCommands(byCommand: Record<string, number>): string {
  return Object.entries(byCommand).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ');
}

function applicationForm(): ApplicationForm {
  const tag = randomBytes(6).toString('hex');
  return { name: 'Bench Applicant', email: `bench-${tag}@example.com`, phone: '+74950000000', company: 'Bench LLC', message: `Bench ${tag}` };
}

/**
 * Section 2: DynamoDB requests per operation, counted by an SDK middleware on the shared
 * DocumentClient while the real handlers run against DynamoDB Local. Every operation runs once on
 * a small store and once on a store of 10 000 applications.
 */
export async function benchDynamoRequests(stack: LocalStack): Promise<string> {
  const client = documentClient();
  const count = countRequests(client);
  const managerToken = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
  const call = async (method: 'GET' | 'POST', path: string, request: ApiRequest): Promise<Record<string, unknown>> => {
    const response = await invokeRoute(routeOf(routes, method, path), request);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${response.body ?? ''}`);
    return JSON.parse(response.body ?? '{}') as Record<string, unknown>;
  };
  const submit = async (): Promise<string> => String((await call('POST', '/partner-applications', jsonBody(applicationForm()))).id);
  const asManager = (request: ApiRequest = {}): ApiRequest => ({ ...request, token: managerToken });
  const decide = (action: string, body?: unknown) => async (): Promise<() => Promise<unknown>> => {
    const id = await submit();
    if (action === 'approve') await call('POST', '/partner-applications/{id}/contact', asManager({ pathParameters: { id } }));
    const request = asManager({ pathParameters: { id }, ...(body !== undefined && jsonBody(body)) });
    return () => call('POST', `/partner-applications/{id}/${action}`, request);
  };

  const single: Operation[] = [
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
        const body = jsonBody(applicationForm());
        const request = { ...body, headers: { ...body.headers, 'idempotency-key': randomBytes(8).toString('hex') } };
        return () => call('POST', '/partner-applications', request);
      },
    },
    {
      name: 'replayed Idempotency-Key (same response, nothing done)',
      prepare: async () => {
        const body = jsonBody(applicationForm());
        const request = { ...body, headers: { ...body.headers, 'idempotency-key': randomBytes(8).toString('hex') } };
        await call('POST', '/partner-applications', request);
        return () => call('POST', '/partner-applications', request);
      },
    },
    {
      name: 'list applications, page of 20 (GET /partner-applications)',
      prepare: async () => () => call('GET', '/partner-applications', asManager({ query: { limit: '20' } })),
    },
    {
      name: 'get application (GET /partner-applications/{id})',
      prepare: async () => {
        const request = asManager({ pathParameters: { id: await submit() } });
        return () => call('GET', '/partner-applications/{id}', request);
      },
    },
    { name: 'contact application', prepare: decide('contact') },
    { name: 'approve application (partner, login, welcome mail)', prepare: decide('approve') },
    { name: 'reject application', prepare: decide('reject', { reason: 'Not a reseller' }) },
  ];

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
    for (const operation of single) singles.push(await measure(operation));
    return { single: singles, escalation: escalations };
  };

  const small = await phase();
  const smallStore = await countApplications(client);
  // Fill up so that the 10-overdue run sees exactly 10 000 applications, 10 of them overdue.
  const overdueBeforeFull = OVERDUE_COUNTS[0] + OVERDUE_COUNTS[1];
  await seedWaitingApplications(client, LARGE_STORE - smallStore - overdueBeforeFull, new Date());
  const large = await phase();
  count.stop();

  const rows = single.map((operation, i) => {
    const [s, l] = [small.single[i], large.single[i]];
    return [operation.name, s?.total ?? '', l?.total ?? '', describeCommands(l?.byCommand ?? {}), 'constant', mark(s?.total === l?.total)];
  });
  const [zero, ten] = [large.escalation[0]?.total ?? 0, large.escalation[1]?.total ?? 0];
  const perOverdue = (ten - zero) / OVERDUE_COUNTS[1];
  OVERDUE_COUNTS.forEach((overdue, i) => {
    const [s, l] = [small.escalation[i], large.escalation[i]];
    const linear = l?.total === zero + perOverdue * overdue;
    rows.push([
      `escalation job, ${overdue} overdue`,
      s?.total ?? '',
      l?.total ?? '',
      describeCommands(l?.byCommand ?? {}),
      `∝ overdue: ${zero} + ${perOverdue}·overdue`,
      mark(s?.total === l?.total && linear),
    ]);
  });
  return markdownTable(
    [
      'operation',
      `requests, ≤ ${smallStore} applications stored`,
      `requests, ${LARGE_STORE.toLocaleString('en')} applications stored`,
      'by command (10 000)',
      'target',
      'same on both stores (and linear)',
    ],
    rows,
  );
}
