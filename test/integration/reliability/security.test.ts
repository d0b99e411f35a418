import { randomBytes } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { handler as escalateApplications } from '../../../functions/escalateApplications';
import { documentClient } from '../../../shared/adapters/compositionRoot';
import { logger } from '../../../shared/observability/logger';
import { admits } from '../../../shared/http/Principal';
import { type AuthKind, type RouteSpec, routes } from '../../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { applicationForm } from '../../support/applicationFixtures';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../../support/clientFixtures';
import { injectFault } from '../../support/dynamoProbe';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';
import { ALL_TABLES, snapshotStore, storeChanges } from '../../support/storeSnapshot';

/**
 * Security of every non-public route of the route table (routes added later are covered without a
 * change here): refused without a valid token of the route's role, nothing changed by a refused
 * request, another partner's ids not found; and no token or e-mail address in the logs.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

const ROLES = ['partner', 'manager', 'system', 'console'] as const satisfies readonly AuthKind[];
const protectedRoutes = routes.filter((route) => route.auth !== 'public');

/** Records that exist, so that only the token stands in the way of a request. */
let known: { applicationId: string; clientId: string; invitationToken: string };
let tokenOf: Record<(typeof ROLES)[number], string>;
let partnerA: { clientEmail: string; accountId: string };

/** A request to the route with path parameters naming existing records: applications on manager routes, clients on partner routes. */
function requestTo(route: RouteSpec, token?: string): ApiRequest {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const existing = (name: string): string =>
    name === 'token' ? known.invitationToken : route.auth === 'manager' ? known.applicationId : known.clientId;
  return {
    ...jsonBody({}),
    ...(names.length > 0 && { pathParameters: Object.fromEntries(names.map((name) => [name, existing(name)])) }),
    ...(token !== undefined && { token }),
  };
}

beforeAll(async () => {
  const issuer = issued();
  const partner = await createPartner(tables.documentClient());
  const ownAccount = await registerCloudAccount(tables.documentClient());
  tokenOf = {
    partner: await issuer.partner(partner.partnerId), manager: await issuer.manager(), system: await issuer.system(), console: await issuer.console(ownAccount),
  };
  const submitted = await invokeRoute(routeOf(routes, 'POST', '/partner-applications'), jsonBody(applicationForm()));
  const clientEmail = uniqueClientEmail();
  const accountId = await registerCloudAccount(tables.documentClient());
  const added = await invokeRoute(routeOf(routes, 'POST', '/clients'), { ...jsonBody({ email: clientEmail, accountId }), token: tokenOf.partner });
  const mail = (await mailsTo(clientEmail)).at(-1);
  partnerA = { clientEmail, accountId };
  known = {
    applicationId: String(JSON.parse(submitted.body ?? '{}').id),
    clientId: String(JSON.parse(added.body ?? '{}').id),
    invitationToken: mail ? tokenFromMail(mail) : 'unknown',
  };
});

describe('every protected route', () => {
  it.each(protectedRoutes.map((route) => [`${route.method} ${route.path} (${route.auth})`, route] as const))(
    '%s refuses missing, malformed, expired, foreign-key, foreign-audience and wrong-role tokens, and changes nothing',
    async (_name, route) => {
      const issuer = issued();
      const refusals: Array<{ token?: string; headers?: Record<string, string>; status: number }> = [
        { status: 401 },
        { headers: { authorization: 'Basic dXNlcjpwYXNz' }, status: 401 },
        { token: 'not-a-jwt', status: 401 },
        { token: await issuer.expired(), status: 401 },
        { token: await issuer.otherKey(), status: 401 },
        { token: await issuer.otherAudience(), status: 401 },
        // Staff tokens and console users' tokens come from different issuers: one is no token at all for the other (401).
        ...ROLES.filter((role) => route.auth === 'public' || !admits(route.auth, role)).map((role) => ({ token: tokenOf[role], status: (role === 'console') === (route.auth === 'console') ? 403 : 401 })),
      ];
      const before = await snapshotStore(tables.documentClient());

      for (const refusal of refusals) {
        const request = requestTo(route, refusal.token);
        const response = await invokeRoute(route, { ...request, headers: { ...request.headers, ...refusal.headers } });
        expect({ status: response.statusCode, body: JSON.parse(response.body ?? '') }).toEqual({
          status: refusal.status,
          body: {
            error: { code: refusal.status === 401 ? 'unauthorized' : 'forbidden', message: expect.any(String), details: {}, requestId: response.headers?.['x-request-id'] },
          },
        });
      }

      expect(storeChanges(before, await snapshotStore(tables.documentClient()))).toEqual([]);
    },
  );

  const partnerRoutesWithId = protectedRoutes.filter((route) => route.auth === 'partner' && route.path.includes('{id}'));
  it.each(partnerRoutesWithId.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s does not find another partner's client, reveals nothing of it and changes nothing",
    async (_name, route) => {
      const other = await createPartner(tables.documentClient());
      const otherToken = await issued().partner(other.partnerId);
      // The rate-limit counter counts this request too: that is its purpose, not a change of data.
      const dataTables = ALL_TABLES.filter((table) => table !== 'rateLimits');
      const before = await snapshotStore(tables.documentClient(), dataTables);

      const response = await invokeRoute(route, requestTo(route, otherToken));

      // 404 when the id is looked up; 400 when other input of the route is refused first. Never the client.
      expect([400, 404]).toContain(response.statusCode);
      for (const secret of [partnerA.clientEmail, partnerA.accountId]) expect(response.body).not.toContain(secret);
      expect(storeChanges(before, await snapshotStore(tables.documentClient(), dataTables))).toEqual([]);
    },
  );
});

describe('logs', () => {
  it('never contain a bearer token or an e-mail address, at debug level, on success, refusal and failure', async () => {
    const issuer = issued();
    const written: string[] = [];
    const capture = (chunk: unknown): void => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    };
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (capture(chunk), true)),
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (capture(chunk), true)),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => capture(args.map(String).join(' ')))),
    ];
    const previousLevel = logger.getLevelName();
    logger.setLogLevel('DEBUG');
    const secrets = new Set<string>(Object.values(tokenOf));
    try {
      const form = applicationForm();
      secrets.add(form.email);
      const submit = routeOf(routes, 'POST', '/partner-applications');
      const key = randomBytes(8).toString('hex');
      const submitted = await invokeRoute(submit, { ...jsonBody(form), headers: { 'content-type': 'application/json', 'idempotency-key': key } });
      await invokeRoute(submit, { ...jsonBody(form), headers: { 'content-type': 'application/json', 'idempotency-key': key } });
      await invokeRoute(submit, jsonBody({ ...form, phone: 'not a phone' }));
      const id = String(JSON.parse(submitted.body ?? '{}').id);
      for (const action of ['contact', 'approve']) {
        await invokeRoute(routeOf(routes, 'POST', `/partner-applications/{id}/${action}`), { token: tokenOf.manager, pathParameters: { id } });
      }
      for (const token of [await issuer.expired(), await issuer.otherKey(), tokenOf.partner]) {
        secrets.add(token);
        await invokeRoute(routeOf(routes, 'GET', '/partner-applications'), { token });
      }
      const clientEmail = uniqueClientEmail();
      secrets.add(clientEmail);
      const addRoute = routeOf(routes, 'POST', '/clients');
      await invokeRoute(addRoute, { ...jsonBody({ email: clientEmail, accountId: await registerCloudAccount(tables.documentClient()) }), token: tokenOf.partner });
      await invokeRoute(addRoute, { ...jsonBody({ email: clientEmail, accountId: 'acc-00000000000000000000' }), token: tokenOf.partner });
      // A failure the error responder logs (5xx): DynamoDB rejects the request in a way nobody translates.
      const fault = injectFault(documentClient(), {
        call: 1,
        error: () => Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException' }),
        attempts: 'retries-exhausted',
      });
      const failed = await invokeRoute(submit, jsonBody(applicationForm(clientEmail)));
      fault.stop();
      await escalateApplications({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} } as ScheduledEvent);
      expect(failed.statusCode).toBe(500);
      // The 5xx log line carries the request id the partner sees, so support finds it from a quote.
      const requestId = String(failed.headers?.['x-request-id']);
      expect(JSON.parse(failed.body ?? '').error.requestId).toBe(requestId);
      expect(written.find((line) => line.includes('request failed'))).toContain(`"correlation_id":"${requestId}"`);
    } finally {
      logger.setLogLevel(previousLevel);
      for (const spy of spies) spy.mockRestore();
    }

    const logs = written.join('\n');
    expect(logs).toContain('request failed');
    expect(logs).toContain('escalateApplications run');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(logs).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});
