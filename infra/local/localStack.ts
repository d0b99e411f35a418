import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { createAllTables } from '../../shared/adapters/dynamodb/createTables';
import { useLocalTableNames } from '../../shared/adapters/dynamodb/tables';
import { forgetCursorKeys } from '../../shared/adapters/aws/cursorKeys';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { documentClient } from '../../shared/adapters/compositionRoot';
import { installLocalStandIns } from '../../shared/adapters/local/installLocalStandIns';
import { corsPolicy } from '../../shared/http/cors';
import { PARTNER_ROUTE_ROLES, routeRolesEnvironment } from '../../shared/http/routeRoles';
import { PARTNER_ROUTE_SCOPES, routeScopesEnvironment } from '../../shared/http/routeScopes';
import { jobs, queues, routes, streams } from '../../shared/routeTable';
import { buildConsole, CONSOLE_DIST } from '../../web/build';
import { startConsoleServer } from './consoleServer';
import { startDynamoDbLocal } from './dynamoDbLocal';
import { type LocalEndpoint, startGateway } from './gateway';
import { LOCAL_CONSOLE_AUDIENCE, localConsolePool } from './consoleSignIn';
import { createLocalTokenIssuer, LOCAL_AUDIENCE, LOCAL_MACHINE_CLIENT, type LocalTokenIssuer } from './localAuth';
import { startSesLocal } from './sesLocal';
import { startStreamPollers } from './streamPoller';
import { startLocalQueues } from './localQueues';

/** How often the local stream consumers poll by default: a change reaches search within a few of these. */
export const STREAM_POLL_INTERVAL_MS = 200;

/** Everything `npm start` (and the end-to-end tests) run locally. */
export interface LocalStack {
  readonly apiUrl: string;
  readonly inboxUrl: string;
  readonly dynamoDbEndpoint: string;
  /** The web console, when started (`consolePort`). */
  readonly consoleUrl?: string;
  /** Signs staff tokens (managers, partners, machine clients), as the staff Cognito pool would. */
  readonly tokens: LocalTokenIssuer;
  /** Signs console users' ID tokens, as the console users' pool would (tests; people use `/__local/login`). */
  readonly consoleTokens: LocalTokenIssuer;
  /** Hands every change written so far to the stream consumers (search index, counts) and waits for them; they also poll on their own. */
  drainStreams(): Promise<void>;
  /** Consumes every queued message due on the local clock (webhook deliveries and their retries). */
  drainQueues(): Promise<void>;
  /** Stops the stream consumers' polling on the timer until `resumeStreams` (the bench counts a request without their work). */
  pauseStreams(): Promise<void>;
  resumeStreams(): void;
  /** Runs a scheduled job now, as its EventBridge rule would. */
  runJob(handler: string): Promise<unknown>;
  /** Moves the functions' clock forward (local only; AWS has no such thing). */
  advanceClock(ms: number): void;
  /** The functions' clock now (real time plus every `advanceClock`). */
  clockNow(): Date;
  stop(): Promise<void>;
}

/** Options for `startLocalStack`. */
export interface LocalStackOptions {
  /** Port for the API (0 = any free port). */
  readonly port?: number;
  /** Port for the SES inbox (0 = any free port). */
  readonly inboxPort?: number;
  /** Run scheduled jobs on a timer every this many ms; off when undefined. */
  readonly jobIntervalMs?: number;
  /** How often the stream consumers poll their streams (ms); `STREAM_POLL_INTERVAL_MS` by default. */
  readonly streamIntervalMs?: number;
  /**
   * Build and serve the web console on this port (0 = any free port); not served when undefined.
   * Its origin is allowed by CORS and is the base of invitation links (`PUBLIC_BASE_URL`).
   */
  readonly consolePort?: number;
}

/** Both spellings of a local console origin, so the console works from `localhost` and `127.0.0.1` alike. */
export function localConsoleOrigins(consoleUrl: string): string[] {
  const { port } = new URL(consoleUrl);
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

type JobHandler = (event: ScheduledEvent) => Promise<unknown>;

/**
 * Starts DynamoDB Local, the local SES, the tables, the local token issuer, the pollers of the
 * tables' change streams (the event source mappings' stand-in) and the gateway that serves the route table; configures this process's environment the way the CDK stack configures
 * each Lambda function, and installs the local stand-ins of Cognito and EventBridge.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal(), startSesLocal(options.inboxPort ?? 0)]);
  const tokens = await createLocalTokenIssuer('partnerdesk-local');
  const consoleTokens = await createLocalTokenIssuer('partnerdesk-local-console');
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AUTH_ISSUER: tokens.issuer,
    AUTH_AUDIENCES: LOCAL_AUDIENCE,
    AUTH_MACHINE_CLIENTS: LOCAL_MACHINE_CLIENT,
    AUTH_ALGORITHMS: 'ES256',
    CONSOLE_AUTH_ISSUER: consoleTokens.issuer,
    CONSOLE_AUTH_AUDIENCES: LOCAL_CONSOLE_AUDIENCE,
    CONSOLE_AUTH_ALGORITHMS: 'ES256',
    MAIL_FROM: process.env.MAIL_FROM ?? 'partners@partnerdesk.local',
    PARTNER_DEPARTMENT_EMAIL: process.env.PARTNER_DEPARTMENT_EMAIL ?? 'partner-department@partnerdesk.local',
    SUPPORT_EMAIL: process.env.SUPPORT_EMAIL ?? 'support@partnerdesk.local',
    CLOCK_OFFSET_MS: '0',
    // One process serves every route: it gets the member roles of all of them (a Lambda function only its own route's).
    [PARTNER_ROUTE_ROLES]: routeRolesEnvironment(routes),
    [PARTNER_ROUTE_SCOPES]: routeScopesEnvironment(routes),
    // Tests receive webhooks on loopback (issue 33); never set in AWS, where SSRF rules refuse it.
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    // A new key per start: cursors of an earlier run are refused, as after a key rotation in AWS.
    CURSOR_SIGNING_KEY: randomBytes(32).toString('base64url'),
    // EMF metrics of the jobs mean something in CloudWatch only; locally they would be noise on the console.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  useLocalTableNames();
  forgetCursorKeys();
  const clockNow = (): Date => new Date(Date.now() + Number(process.env.CLOCK_OFFSET_MS ?? 0));
  // SQS's stand-in: in memory, delays on the local clock, drained as often as the streams are polled.
  const localQueues = startLocalQueues(queues, { now: () => clockNow().getTime(), intervalMs: options.streamIntervalMs ?? STREAM_POLL_INTERVAL_MS });
  installLocalStandIns({ publish: localQueues.publish, deliveryQueue: () => localQueues.byHandler.get('deliverWebhooks')! });
  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await createAllTables(dynamoClient);
  dynamoClient.destroy();
  const streamPollers = startStreamPollers(streams, { endpoint: dynamo.endpoint, intervalMs: options.streamIntervalMs ?? STREAM_POLL_INTERVAL_MS });

  const runJob = async (handler: string): Promise<unknown> => {
    const module = (await import(`../../functions/${handler}`)) as { handler: JobHandler };
    const now = clockNow().toISOString();
    return module.handler({
      version: '0', id: `local-${Date.now()}`, 'detail-type': 'Scheduled Event', source: 'aws.events',
      account: '000000000000', time: now, region: 'local', resources: [], detail: {},
    });
  };
  const advanceClock = (ms: number): void => {
    process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS ?? 0) + ms);
  };

  const consolePool = localConsolePool(consoleTokens);
  const unknownLogin = { status: 401, body: { error: { code: 'unknown_login', message: 'No login with this e-mail or account', details: {} } } };

  const localEndpoints: Record<string, LocalEndpoint> = {
    'GET /.well-known/jwks.json': async () => ({ status: 200, body: tokens.jwks }),
    'GET /.well-known/console-jwks.json': async () => ({ status: 200, body: consoleTokens.jwks }),
    // Stands in for the console users' pool's sign-up: a new person gets a new cloud account with its first token.
    'POST /__local/signup': consolePool.signup,
    'POST /__local/clock': async ({ body }) => {
      const hours = Number((body as { advanceHours?: unknown } | undefined)?.advanceHours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) {
        return { status: 400, body: { error: { code: 'validation_failed', message: 'advanceHours must be a positive number of hours', details: {} } } };
      }
      advanceClock(hours * 3_600_000);
      return { status: 200, body: { now: new Date(Date.now() + Number(process.env.CLOCK_OFFSET_MS)).toISOString() } };
    },
    // Stands in for the Cognito hosted sign-in: a known, enabled login gets an ID token. Staff
    // (managers, partners) by e-mail; the owner of a cloud account by `{accountId}` or its e-mail,
    // through the console users' sign-in gate (refused while its partner blocks the account).
    'POST /__local/login': async ({ body }) => {
      const accountId = String((body as { accountId?: unknown } | undefined)?.accountId ?? '');
      if (accountId) return (await consolePool.signIn({ accountId })) ?? unknownLogin;
      const email = String((body as { email?: unknown } | undefined)?.email ?? '');
      const login = email ? await new LocalAccountDirectory(documentClient()).findLogin(email) : undefined;
      if (!login) return (email ? await consolePool.signIn({ email }) : undefined) ?? unknownLogin;
      if (!login.enabled) return { status: 403, body: { error: { code: 'login_disabled', message: 'This login is disabled', details: {} } } };
      const token = await tokens.personToken({
        sub: `local-${login.email}`, email: login.email, role: login.role, ...(login.partnerId && { partnerId: login.partnerId }),
      });
      return { status: 200, body: { idToken: token, role: login.role } };
    },
    // Consumes the queued messages due now (after `POST /__local/clock`, the retries that came due).
    'POST /__local/queues/drain': async () => {
      await localQueues.drain();
      return { status: 200, body: { queues: Object.fromEntries([...localQueues.byHandler].map(([name, queue]) => [name, { depth: queue.depth, deadLetters: queue.deadLetters.length }])) } };
    },
    'POST /__local/jobs/run': async ({ query }) => {
      const name = query.get('name') ?? '';
      if (!jobs.some((job) => job.handler === name)) {
        return { status: 404, body: { error: { code: 'not_found', message: `No job named '${name}'`, details: { jobs: jobs.map((j) => j.handler) } } } };
      }
      return { status: 200, body: { job: name, result: await runJob(name) } };
    },
  };
  let apiUrl = '';
  if (options.consolePort !== undefined) await buildConsole();
  const consoleServer = options.consolePort === undefined ? undefined : await startConsoleServer({
    root: CONSOLE_DIST,
    config: () => ({ apiUrl, auth: { mode: 'local' } }),
    connectTo: () => [apiUrl, apiUrl.replace('127.0.0.1', 'localhost')],
    port: options.consolePort,
  });
  const consoleOrigins = consoleServer ? localConsoleOrigins(consoleServer.url) : [];
  const origins = [process.env.ALLOWED_ORIGINS, ...consoleOrigins].filter(Boolean).join(',');
  const gateway = await startGateway({ routes, cors: corsPolicy(origins || undefined), localEndpoints, port: options.port ?? 0 });
  apiUrl = gateway.url;
  process.env.AUTH_JWKS_URL = `${gateway.url}/.well-known/jwks.json`;
  process.env.CONSOLE_AUTH_JWKS_URL = `${gateway.url}/.well-known/console-jwks.json`;
  // Invitation links open the console's Invitation screen when the console runs, else the gateway's invitation pages.
  process.env.PUBLIC_BASE_URL = consoleServer?.url ?? gateway.url;

  const timers = options.jobIntervalMs
    ? jobs.filter((job) => job.everyMinutes !== undefined).map((job) => setInterval(() => {
        runJob(job.handler).catch((error: unknown) => console.error(`[scheduler] ${job.handler} failed`, error));
      }, options.jobIntervalMs))
    : [];

  return {
    apiUrl: gateway.url,
    inboxUrl: ses.endpoint,
    dynamoDbEndpoint: dynamo.endpoint,
    ...(consoleServer && { consoleUrl: consoleServer.url }),
    tokens,
    consoleTokens,
    drainStreams: streamPollers.drain,
    drainQueues: localQueues.drain,
    pauseStreams: streamPollers.pause,
    resumeStreams: streamPollers.resume,
    runJob,
    advanceClock,
    clockNow,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      localQueues.stop();
      await Promise.all([gateway.stop(), consoleServer?.stop(), streamPollers.stop()]);
      await Promise.all([dynamo.stop(), ses.stop()]);
    },
  };
}
