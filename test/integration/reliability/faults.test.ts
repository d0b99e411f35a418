import { randomBytes } from 'node:crypto';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, ScheduledEvent } from 'aws-lambda';
import { freePort } from '../../../infra/local/dynamoDbLocal';
import { handler as escalateApplications } from '../../../functions/escalateApplications';
import { fingerprintKey } from '../../../shared/adapters/dynamodb/applicationKeys';
import { DynamoApplicationRepository } from '../../../shared/adapters/dynamodb/DynamoApplicationRepository';
import { DynamoPartnerRepository } from '../../../shared/adapters/dynamodb/DynamoPartnerRepository';
import { LocalAccountDirectory } from '../../../shared/adapters/local/LocalAccountDirectory';
import { physicalTableName } from '../../../shared/adapters/dynamodb/tables';
import { documentClient } from '../../../shared/adapters/compositionRoot';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/DynamoClientRepository';
import { FixedClock } from '../../../shared/domain/Clock';
import { logger } from '../../../shared/observability/logger';
import type { ApplicationForm } from '../../../shared/domain/applications/PartnerApplication';
import { NOTICE_LEASE_MS } from '../../../shared/domain/applications/deliverNotices';
import { formFingerprint } from '../../../shared/domain/applications/submitApplication';
import { routes } from '../../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, type RouteHandler, routeOf } from '../../support/apiGatewayEvent';
import { applicationForm } from '../../support/applicationFixtures';
import { createPartner, registerCloudAccount, uniqueClientEmail } from '../../support/clientFixtures';
import { storedClient } from '../../support/clientOperationFixtures';
import { countRequests, type FaultPlan, injectFault } from '../../support/dynamoProbe';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';

/**
 * Faults of the services the functions depend on, through the real handlers on DynamoDB Local and
 * the local SES: DynamoDB throttling and transaction cancellation (injected into the shared
 * DocumentClient, the way DynamoDB answers them) and an SES outage (a closed port).
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

// Every submission here comes from one test address: the public form's per-sender limit is lifted (its counting calls stay in the fault loops).
beforeAll(() => {
  process.env.FORM_SUBMISSIONS_PER_SENDER_PER_HOUR = String(Number.MAX_SAFE_INTEGER);
});
afterAll(() => {
  delete process.env.FORM_SUBMISSIONS_PER_SENDER_PER_HOUR;
});

const submitRoute = routeOf(routes, 'POST', '/partner-applications');
/** One request per DynamoDB call of an operation, each with the set-up it needs. */
const FAULT_LOOP_TIMEOUT_MS = 60_000;
const scheduledEvent = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} } as ScheduledEvent;

const throttled = (): Error =>
  new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded', $metadata: {} });
const cancelledByConflict = (): Error =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
    $metadata: {},
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
  });

/** Calls a route with one DynamoDB call failing as planned. */
async function withFault(plan: FaultPlan, call: () => Promise<APIGatewayProxyStructuredResultV2>): Promise<APIGatewayProxyStructuredResultV2> {
  const fault = injectFault(documentClient(), plan);
  try {
    return await call();
  } finally {
    fault.stop();
  }
}

/** How many DynamoDB calls a request makes when nothing fails. */
async function callsOf(call: () => Promise<APIGatewayProxyStructuredResultV2>): Promise<number> {
  const count = countRequests(documentClient());
  try {
    await call();
    return count.total();
  } finally {
    count.stop();
  }
}

function expectServiceBusy(response: APIGatewayProxyStructuredResultV2): void {
  expect(response.statusCode).toBe(503);
  expect(response.headers?.['Retry-After']).toBeDefined();
  expect(JSON.parse(response.body ?? '')).toEqual({
    error: { code: 'temporarily_unavailable', message: expect.any(String), details: {}, requestId: response.headers?.['x-request-id'] },
  });
}

/** What is stored for a submitted form: its application items and whether its duplicate marker exists. */
async function storedSubmission(form: ApplicationForm): Promise<{ applications: number; marker: boolean }> {
  const client = tables.documentClient();
  const scan = await client.send(new ScanCommand({
    TableName: physicalTableName('applications'),
    FilterExpression: 'email = :email AND kind = :kind',
    ExpressionAttributeValues: { ':email': form.email, ':kind': 'application' },
    ConsistentRead: true,
  }));
  const marker = await client.send(new GetCommand({ TableName: physicalTableName('applications'), Key: fingerprintKey(formFingerprint(form)), ConsistentRead: true }));
  return { applications: scan.Items?.length ?? 0, marker: marker.Item !== undefined };
}

/** Runs the escalation job (which also delivers notices left in the outbox) after the senders' leases ran out. */
async function runJobAfterLeases(): Promise<void> {
  process.env.CLOCK_OFFSET_MS = String(NOTICE_LEASE_MS + 60_000);
  try {
    await escalateApplications(scheduledEvent);
  } finally {
    delete process.env.CLOCK_OFFSET_MS;
  }
}

function withKey(request: ApiRequest): ApiRequest {
  return { ...request, headers: { ...request.headers, 'idempotency-key': randomBytes(8).toString('hex') } };
}

describe('DynamoDB throttling', () => {
  it('answers a submission 201 or a clean 503 whichever call fails, never stores half of it, and a retry completes it', async () => {
    const calls = await callsOf(() => invokeRoute(submitRoute, withKey(jsonBody(applicationForm()))));
    const forms: ApplicationForm[] = [];
    for (let call = 1; call <= calls; call += 1) {
      const form = applicationForm();
      forms.push(form);
      const response = await withFault({ call, error: throttled, attempts: 'retries-exhausted' }, () => invokeRoute(submitRoute, withKey(jsonBody(form))));

      expect([201, 503]).toContain(response.statusCode);
      if (response.statusCode === 503) expectServiceBusy(response);
      const stored = await storedSubmission(form);
      expect(stored.applications).toBeLessThanOrEqual(1);
      expect(stored.marker).toBe(stored.applications === 1);
      if (response.statusCode === 201) expect(stored.applications).toBe(1);

      const retry = await invokeRoute(submitRoute, jsonBody(form));
      expect(retry.statusCode).toBe(201);
      expect(await storedSubmission(form)).toEqual({ applications: 1, marker: true });
    }
    await runJobAfterLeases();
    for (const form of forms) {
      expect((await mailsTo(form.email)).map((mail) => mail.subject)).toContain('We received your application to the Partnerdesk Cloud partner program');
    }
  }, FAULT_LOOP_TIMEOUT_MS);

  it('retries a brief throttle in the SDK: the submission succeeds once', async () => {
    const form = applicationForm();
    const response = await withFault(
      { call: 'TransactWriteItemsCommand', error: throttled, attempts: 'first-attempt' },
      () => invokeRoute(submitRoute, jsonBody(form)),
    );

    expect(response.statusCode).toBe(201);
    expect(await storedSubmission(form)).toEqual({ applications: 1, marker: true });
  });

  it('reports a client whose write stays throttled as failed (temporarily_unavailable) and logs why once, with its ids and no e-mail', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const setUpClock = new FixedClock(new Date());
    const { client: active } = await storedClient(tables.documentClient(), setUpClock, partner.partnerId, 'active');
    const { client: blocked } = await storedClient(tables.documentClient(), setUpClock, partner.partnerId, 'blocked');
    const bulk = (body: object) => invokeRoute(routeOf(routes, 'POST', '/clients/bulk'), { ...jsonBody({ action: 'block', clientIds: [active.id, blocked.id], ...body }), token });
    const preview = JSON.parse((await bulk({})).body ?? '{}');
    const written: string[] = [];
    const capture = (chunk: unknown): boolean => (written.push(String(chunk)), true);
    const streams = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    const previousLevel = logger.getLevelName();
    logger.setLogLevel('ERROR');
    let response: APIGatewayProxyStructuredResultV2;
    try {
      response = await withFault(
        { call: 'TransactWriteItemsCommand', error: throttled, attempts: 'retries-exhausted' },
        () => bulk({ confirm: preview.confirmation.token }),
      );
    } finally {
      logger.setLogLevel(previousLevel);
      for (const stream of streams) stream.mockRestore();
    }

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '{}').results).toEqual([
      { clientId: active.id, result: 'failed', reason: 'temporarily_unavailable' },
      { clientId: blocked.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' },
    ]);
    expect((await new DynamoClientRepository(tables.documentClient()).get(partner.partnerId, active.id))?.status).toBe('active');
    const failures = written.filter((line) => line.includes('client operation failed')).map((line) => JSON.parse(line));
    expect(failures).toEqual([expect.objectContaining({
      level: 'ERROR',
      partnerId: partner.partnerId,
      clientId: active.id,
      operation: 'block',
      correlation_id: expect.stringMatching(/\S/),
      error: expect.objectContaining({ name: 'ProvisionedThroughputExceededException', message: expect.any(String), stack: expect.stringContaining('ProvisionedThroughputExceededException') }),
    })]);
    // The line joins the request's access log line and its answer.
    expect(failures[0].correlation_id).toBe(response.headers?.['x-request-id']);
    for (const email of [active.email, blocked.email]) expect(written.join('\n')).not.toContain(email);
  });

  it('keeps an approval all-or-nothing (application, partner, e-mail binding) whichever call fails, and the login follows', async () => {
    const manager = await issued().manager();
    const applications = new DynamoApplicationRepository(tables.documentClient());
    const partners = new DynamoPartnerRepository(tables.documentClient());
    const contacted = async (): Promise<{ id: string; email: string }> => {
      const form = applicationForm();
      const id = String(JSON.parse((await invokeRoute(submitRoute, jsonBody(form))).body ?? '{}').id);
      await invokeRoute(routeOf(routes, 'POST', '/partner-applications/{id}/contact'), { token: manager, pathParameters: { id } });
      return { id, email: form.email };
    };
    const approve = (id: string) => invokeRoute(routeOf(routes, 'POST', '/partner-applications/{id}/approve'), { token: manager, pathParameters: { id } });
    const { id: measured } = await contacted();
    const calls = await callsOf(() => approve(measured));
    const approved: string[] = [];
    for (let call = 1; call <= calls; call += 1) {
      const { id, email } = await contacted();
      const response = await withFault({ call, error: throttled, attempts: 'retries-exhausted' }, () => approve(id));

      expect([200, 503]).toContain(response.statusCode);
      if (response.statusCode === 503) expectServiceBusy(response);
      const application = await applications.get(id);
      const partner = await partners.findByEmail(email);
      if (application?.status === 'approved') {
        expect(partner).toMatchObject({ partnerId: application.partnerId, applicationId: id });
      } else {
        expect(application?.status).toBe('contacted');
        expect(partner).toBeUndefined();
        expect((await approve(id)).statusCode).toBe(200);
      }
      approved.push(email);
    }
    await runJobAfterLeases();
    const directory = new LocalAccountDirectory(tables.documentClient());
    for (const email of approved) {
      expect(await directory.findLogin(email)).toMatchObject({ role: 'partner', enabled: true });
      expect((await mailsTo(email)).map((mail) => mail.subject)).toContain('Welcome to the Partnerdesk Cloud partner program');
    }
  }, FAULT_LOOP_TIMEOUT_MS);
});

describe('DynamoDB transaction cancellation', () => {
  it('answers 503 and stores nothing when a submission transaction is cancelled by a conflicting one', async () => {
    const form = applicationForm();
    const response = await withFault(
      { call: 'TransactWriteItemsCommand', error: cancelledByConflict, attempts: 'retries-exhausted' },
      () => invokeRoute(submitRoute, jsonBody(form)),
    );

    expectServiceBusy(response);
    expect(await storedSubmission(form)).toEqual({ applications: 0, marker: false });
  });
});

describe('SES outage', () => {
  let sesEndpoint: string | undefined;

  beforeEach(async () => {
    sesEndpoint = process.env.SES_ENDPOINT;
  });

  afterEach(() => {
    process.env.SES_ENDPOINT = sesEndpoint;
  });

  /** The handler of a fresh container (on the local stand-ins, as the jest set-up installs them) whose SES client points at a closed port. */
  async function handlerDuringOutage(name: string): Promise<RouteHandler> {
    process.env.SES_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
    let handler: RouteHandler | undefined;
    jest.isolateModules(() => {
      require('../../support/localStandIns'); // eslint-disable-line @typescript-eslint/no-require-imports
      ({ handler } = require(`../../../functions/${name}`) as { handler: RouteHandler }); // eslint-disable-line @typescript-eslint/no-require-imports
    });
    if (!handler) throw new Error(`functions/${name} has no handler`);
    return handler;
  }

  it('keeps a submitted application when its receipt mail fails, and the next job run delivers the mail', async () => {
    const form = applicationForm();
    const submit = await handlerDuringOutage('createPartnerApplication');
    const { apiGatewayEvent } = await import('../../support/apiGatewayEvent');
    const { lambdaContext } = await import('../../../infra/local/gateway');

    const response = await submit(apiGatewayEvent(submitRoute, jsonBody(form)), lambdaContext('createPartnerApplication', 'ses-outage'));
    process.env.SES_ENDPOINT = sesEndpoint;

    expect(response.statusCode).toBe(201);
    expect(await storedSubmission(form)).toEqual({ applications: 1, marker: true });
    expect(await mailsTo(form.email)).toHaveLength(0);
    await runJobAfterLeases();
    expect((await mailsTo(form.email)).map((mail) => mail.subject)).toEqual(['We received your application to the Partnerdesk Cloud partner program']);
  });

  it('fails the escalation job loudly while every due notice fails, and a later run delivers them', async () => {
    const form = applicationForm();
    const submit = await handlerDuringOutage('createPartnerApplication');
    const { apiGatewayEvent } = await import('../../support/apiGatewayEvent');
    const { lambdaContext } = await import('../../../infra/local/gateway');
    expect((await submit(apiGatewayEvent(submitRoute, jsonBody(form)), lambdaContext('createPartnerApplication', 'ses-outage'))).statusCode).toBe(201);
    const jobDuringOutage = (await handlerDuringOutage('escalateApplications')) as unknown as typeof escalateApplications;

    process.env.CLOCK_OFFSET_MS = String(NOTICE_LEASE_MS + 60_000);
    try {
      await expect(jobDuringOutage(scheduledEvent)).rejects.toMatchObject({ name: 'JobMadeNoProgressError' });
    } finally {
      process.env.SES_ENDPOINT = sesEndpoint;
      delete process.env.CLOCK_OFFSET_MS;
    }
    expect(await mailsTo(form.email)).toHaveLength(0);

    // After the failed run's lease, with SES back: progress, so no error.
    process.env.CLOCK_OFFSET_MS = String(2 * (NOTICE_LEASE_MS + 60_000));
    try {
      await expect(escalateApplications(scheduledEvent)).resolves.toMatchObject({ delivered: expect.any(Number), failed: 0 });
    } finally {
      delete process.env.CLOCK_OFFSET_MS;
    }
    expect((await mailsTo(form.email)).map((mail) => mail.subject)).toEqual(['We received your application to the Partnerdesk Cloud partner program']);
  });

  it('keeps an added client when its invitation mail fails, and the partner can resend it', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const email = uniqueClientEmail();
    const add = await handlerDuringOutage('addClient');
    const addRoute = routeOf(routes, 'POST', '/clients');
    const { apiGatewayEvent } = await import('../../support/apiGatewayEvent');
    const { lambdaContext } = await import('../../../infra/local/gateway');

    const added = await add(
      apiGatewayEvent(addRoute, { ...jsonBody({ email, accountId: await registerCloudAccount(tables.documentClient()) }), token }),
      lambdaContext('addClient', 'ses-outage'),
    );
    process.env.SES_ENDPOINT = sesEndpoint;
    const client = JSON.parse(added.body ?? '{}');

    expect(added.statusCode).toBe(201);
    expect(client).toMatchObject({ status: 'invited', invitation: { status: 'pending', mail: 'failed' } });
    expect(await mailsTo(email)).toHaveLength(0);
    const resent = await invokeRoute(routeOf(routes, 'POST', '/clients/{id}/invitation/resend'), { token, pathParameters: { id: client.id } });
    expect(resent.statusCode).toBe(200);
    expect(JSON.parse(resent.body ?? '{}')).toMatchObject({ id: client.id, invitation: { mail: 'sent' } });
    expect(await mailsTo(email)).toHaveLength(1);
  });
});
