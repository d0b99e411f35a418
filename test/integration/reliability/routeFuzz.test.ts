import fc from 'fast-check';
import { physicalTableName, type TableName } from '../../../shared/adapters/dynamodb/tables';
import { documentClient } from '../../../shared/adapters/compositionRoot';
import { type RouteSpec, routes } from '../../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { applicationForm } from '../../support/applicationFixtures';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../../support/clientFixtures';
import { countRequests, type RequestCount } from '../../support/dynamoProbe';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';
import { ALL_TABLES, snapshotStore, type StoreSnapshot, storeChanges } from '../../support/storeSnapshot';

/**
 * Fuzzes every route of the route table (so routes added later are covered without a change here)
 * with malformed bodies, headers, path parameters and query strings, with and without valid tokens
 * of each role, against the real handlers on DynamoDB Local; among the values: ill-formed Unicode,
 * control and bidi formatting characters, forged cursors and far-future instants (issue 14). Never a 5xx; every 4xx in the
 * documented shape; and a refused request stores nothing.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

/** At least this many generated requests across all routes (issue 8). */
const TOTAL_RUNS = 10_000;
const RUNS_PER_ROUTE = Math.ceil(TOTAL_RUNS / routes.length);
/** Jest's limit per route; fast-check stops generating 10 s before it so that a slow route fails the count, not the run. */
const ROUTE_TIME_LIMIT_MS = 60_000;
/** Counters that count every request, refused ones too: that is their purpose, not a stored change. */
const BOOKKEEPING_TABLES: readonly TableName[] = ['rateLimits'];
const DATA_TABLES = ALL_TABLES.filter((table) => !BOOKKEEPING_TABLES.includes(table));

/** Names that routes of partnerdesk use, so that generated bodies and queries get past "unknown key" sometimes. */
const BODY_FIELDS = ['name', 'email', 'phone', 'company', 'message', 'reason', 'accountId', 'clientIds', 'confirm', 'confirmationId', 'from', 'to', 'amount', 'currency', 'id'];
const QUERY_FIELDS = ['limit', 'cursor', 'status', 'search', 'clientId', 'from', 'to', 'period', 'days'];
const TRICKY_STRINGS = ['', ' ', '..', '../..', '%00', '\u0000', 'null', 'undefined', 'NaN', '-1', '0', '1e309', "' OR '1'='1", '<script>alert(1)</script>', '${7*7}', '__proto__', 'constructor', 'acc-7f3k9q2m4x8b1n5c6v0z', '+74950000000', 'a@b.c', '2026-02-30T25:61:00+03:00'];
/** Text no route may store or mail (issue 14): unpaired surrogates, control characters, bidi formatting characters. */
const ILL_FORMED_STRINGS = ['\ud800', 'Y\ud800', '\udfff tail', 'a\udc00\ud800b', 'Ann \u202Egnp.exe', '\u2066x\u2069', 'Lee\u0007IT', 'x\u0085y', 'a\u001Bb', 'line\nbreak'];
/** Characters no one-line field takes (issue 26): separators, zero-width and direction marks, BOM, tag characters. */
const INVISIBLE_CHARACTERS = ['\u2028', '\u2029', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u{E0000}', '\u{E0041}', '\u{E007F}'];
/** Instants whose UTC year has no four-digit form, and days far out (issue 14). */
const FAR_FUTURE = ['9999-12-31T23:00:00-05:00', '+275760-09-13T00:00:00Z', '10000-01-01T00:00:00Z', '0000-01-01T00:30:00+01:00', '9999-12-31', '0001-01-01'];
/** A cursor forged the way the review did it, for a partner id (issue 14). */
const forgedCursor = (id: string) => Buffer.from(JSON.stringify({ pk: `PARTNER#${id}`, clientsOf: id, sk: 'x' })).toString('base64url');

type Caller = 'none' | 'partner' | 'manager' | 'system' | 'console' | 'expired' | 'otherKey' | 'otherAudience' | 'garbage';

interface Generated {
  readonly caller: Caller;
  readonly authorization: string;
  readonly request: ApiRequest;
}

let tokens: Record<Exclude<Caller, 'none' | 'garbage'>, string>;
/** Ids that exist, so that some generated requests reach records instead of stopping at 404. */
let knownIds: string[];
let probe: RequestCount;
let baseline: StoreSnapshot;
let bookkeeping: Set<string>;
const answered = new Map<string, Map<number, number>>();

const tricky = fc.constantFrom(...TRICKY_STRINGS);
const adversarial = fc.oneof(
  fc.constantFrom(...ILL_FORMED_STRINGS, ...FAR_FUTURE, forgedCursor('ptn_unknown'), 'e30.c2lnbmF0dXJl', 'a.b.c'),
  fc.string({ unit: fc.constantFrom('\ud800', '\udc00', '\u202e', '\u2068', '\u0000', '\u009f', 'a', ' ', ...INVISIBLE_CHARACTERS), maxLength: 12 }),
);
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), tricky, adversarial);
const scalar = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.emailAddress());
const fieldValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));

/** A body: absent, not JSON, any JSON, an object of plausible fields with wrong values, or too large. */
const bodyText = fc.option(
  fc.oneof(
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 5, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...BODY_FIELDS), fc.string({ maxLength: 10 })), fieldValue, { maxKeys: 6 }).map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"name":', 'null', '[]', '""', '{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}') },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ name: 'x'.repeat(300 * 1024) })) },
  ),
  { nil: undefined, freq: 6 },
);

const headerValues = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', ''),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'text/html,application/xhtml+xml'),
    'idempotency-key': fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 300 })),
    origin: fc.constantFrom('http://localhost:5173', 'https://evil.example', 'null'),
    'x-forwarded-for': fc.constantFrom('127.0.0.1', '::1', 'garbage'),
  },
  { requiredKeys: [] },
);

/** The tables a route may write: those it declares, and the local stand-ins of the managed services it uses. */
function writableTables(route: RouteSpec): TableName[] {
  return DATA_TABLES.filter((table) =>
    !['read', 'get'].includes(route.uses.tables?.[table] ?? 'read') ||
    (table === 'localDirectory' && route.uses.accountDirectory === true) ||
    (table === 'localEvents' && route.uses.events === true));
}

function pathParameters(route: RouteSpec): fc.Arbitrary<Record<string, string> | undefined> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  if (names.length === 0) return fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 }), { nil: undefined, freq: 3 });
  const value = fc.oneof(
    { weight: 3, arbitrary: anyText },
    { weight: 1, arbitrary: fc.string({ minLength: 120, maxLength: 400 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    { weight: 2, arbitrary: fc.constantFrom(...knownIds) },
  );
  const params = fc.record(Object.fromEntries(names.map((name) => [name, value])) as Record<string, fc.Arbitrary<string>>);
  return fc.option(params, { nil: undefined, freq: 10 });
}

function requests(route: RouteSpec): fc.Arbitrary<Generated> {
  const caller = fc.constantFrom<Caller>('none', 'partner', 'manager', 'system', 'console', 'expired', 'otherKey', 'otherAudience', 'garbage');
  const forged = fc.constantFrom(...knownIds).map(forgedCursor);
  const query = fc.option(
    fc.dictionary(
      fc.oneof(fc.constantFrom(...QUERY_FIELDS), fc.string({ maxLength: 10 })),
      fc.oneof(anyText, forged, fc.constantFrom('1', '20', '100', '101', 'new', 'invited', ...FAR_FUTURE)),
      { maxKeys: 4 },
    ),
    { nil: undefined, freq: 4 },
  );
  return fc
    .record({
      caller,
      scheme: fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Basic ', ''),
      garbage: fc.string({ maxLength: 60 }),
      headers: headerValues,
      body: bodyText,
      base64: fc.boolean(),
      query,
      params: pathParameters(route),
    })
    .map(({ caller: who, scheme, garbage, headers, body, base64, query: q, params }) => {
      const credential = who === 'none' ? undefined : who === 'garbage' ? garbage : tokens[who];
      const authorization = credential === undefined ? '' : `${scheme}${credential}`;
      const encoded = base64 && body !== undefined;
      return {
        caller: who,
        authorization,
        request: {
          headers: { ...headers, ...(authorization && { authorization }) },
          ...(body !== undefined && { body: encoded ? Buffer.from(body).toString('base64') : body }),
          ...(encoded && { isBase64Encoded: true }),
          ...(q && { query: q }),
          ...(params && { pathParameters: params }),
        },
      };
    });
}

beforeAll(async () => {
  // Partner routes share a per-partner rate limit; lifted so that generated requests get past it.
  process.env.PARTNER_REQUESTS_PER_MINUTE = String(Number.MAX_SAFE_INTEGER);
  const partner = await createPartner(tables.documentClient());
  const issuer = issued();
  tokens = {
    partner: await issuer.partner(partner.partnerId),
    manager: await issuer.manager(),
    system: await issuer.system(),
    console: await issuer.console(await registerCloudAccount(tables.documentClient())),
    expired: await issuer.expired(),
    otherKey: await issuer.otherKey(),
    otherAudience: await issuer.otherAudience(),
  };
  const submitted = await invokeRoute(routeOf(routes, 'POST', '/partner-applications'), jsonBody(applicationForm()));
  knownIds = [partner.partnerId, String(JSON.parse(submitted.body ?? '{}').id)];
  if (routes.some((route) => route.path === '/clients')) {
    const email = uniqueClientEmail();
    const accountId = await registerCloudAccount(tables.documentClient());
    const added = await invokeRoute(routeOf(routes, 'POST', '/clients'), { ...jsonBody({ email, accountId }), token: tokens.partner });
    const mail = (await mailsTo(email)).at(-1);
    knownIds.push(String(JSON.parse(added.body ?? '{}').id), ...(mail ? [tokenFromMail(mail)] : []));
  }
  bookkeeping = new Set(BOOKKEEPING_TABLES.map(physicalTableName));
  probe = countRequests(documentClient());
  baseline = await snapshotStore(tables.documentClient(), DATA_TABLES);
});

afterAll(() => {
  probe.stop();
  delete process.env.PARTNER_REQUESTS_PER_MINUTE;
});

describe('every route under generated malformed requests', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx, answers 4xx in the documented shape, and a refused request stores nothing',
    async (key, route) => {
      const statuses = new Map<number, number>();
      answered.set(key, statuses);
      const declared = writableTables(route);
      await fc.assert(
        fc.asyncProperty(requests(route), async ({ request }) => {
          probe.reset();
          const response = await invokeRoute(route, request);
          const status = response.statusCode ?? 200;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);

          expect(status).toBeLessThan(500);
          if (status >= 400) {
            const contentType = String(response.headers?.['content-type'] ?? '');
            if (contentType.startsWith('text/html')) {
              // Browser pages (invitation links) answer errors as a page, and only to browsers.
              expect(request.headers?.accept ?? '').toContain('text/html');
            } else {
              expect(contentType).toMatch(/^application\/json/);
              const body = JSON.parse(response.body ?? '');
              expect(body).toEqual({
                error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object), requestId: response.headers?.['x-request-id'] },
              });
              expect(Array.isArray(body.error.details)).toBe(false);
            }
          }
          const wroteData = [...probe.writtenTables()].some((table) => !bookkeeping.has(table));
          if (wroteData) {
            // The tables the route declares (all it may write in AWS); the check after the run reads them all.
            const after = { ...baseline, ...(await snapshotStore(tables.documentClient(), declared)) };
            const changes = storeChanges(baseline, after);
            baseline = after; // before asserting, so that one failure does not fail the routes after it
            if (status >= 400) expect(changes).toEqual([]);
          }
        }),
        { numRuns: RUNS_PER_ROUTE, interruptAfterTimeLimit: ROUTE_TIME_LIMIT_MS - 10_000 },
      );
      // Requests that sent no write changed nothing either (the baseline moved only with accepted writes).
      expect(storeChanges(baseline, await snapshotStore(tables.documentClient(), DATA_TABLES))).toEqual([]);
      // The generator reached past authentication, not only 401/403.
      const pastAuth = [...statuses].filter(([status]) => status !== 401 && status !== 403).reduce((sum, [, n]) => sum + n, 0);
      expect(pastAuth).toBeGreaterThan(0);
    },
    ROUTE_TIME_LIMIT_MS,
  );

  it(`generated at least ${TOTAL_RUNS} requests across all routes`, () => {
    const total = [...answered.values()].flatMap((statuses) => [...statuses.values()]).reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});

describe('every route, sent the characters no one-line field takes in every field (issue 26)', () => {
  /** Each text a route could read (body fields, query, path parameters) carries the character between letters. */
  const poisoned = (route: RouteSpec, character: string, token: string | undefined, onlyText: boolean): ApiRequest => {
    const value = `Ann${character}Lee`;
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    // Everything poisoned, or only the one-line text fields beside a valid e-mail (what `POST /clients` would otherwise take).
    const body = onlyText
      ? { email: uniqueClientEmail(), name: value, company: value }
      : Object.fromEntries(BODY_FIELDS.map((field) => [field, field === 'email' ? `ann${character}@example.com` : value]));
    return {
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
      query: onlyText ? { search: value } : Object.fromEntries(QUERY_FIELDS.map((field) => [field, value])),
      ...(names.length > 0 && { pathParameters: Object.fromEntries(names.map((name) => [name, `${knownIds[0]}${character}`])) }),
    };
  };

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx to them and writes nothing',
    async (_key, route) => {
      const token = route.auth === 'public' ? undefined : tokens[route.auth];
      const before = await snapshotStore(tables.documentClient(), DATA_TABLES);
      const statuses: number[] = [];
      for (const character of INVISIBLE_CHARACTERS) {
        for (const onlyText of [false, true]) statuses.push((await invokeRoute(route, poisoned(route, character, token, onlyText))).statusCode ?? 200);
      }
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(storeChanges(before, await snapshotStore(tables.documentClient(), DATA_TABLES))).toEqual([]);
    },
  );
});
