import { randomBytes } from 'node:crypto';
import type { LocalStack } from '../../infra/local/localStack';
import { DynamoApplicationRepository } from '../../shared/adapters/dynamodb/DynamoApplicationRepository';
import { apiKeyDeps, clientQueries, clock, documentClient, rateLimiter } from '../../shared/adapters/compositionRoot';
import { createApiKey } from '../../shared/domain/apiKeys/manageApiKeys';
import { founderMemberId } from '../../shared/domain/team/Member';
import { apiKeyActorId } from '../../shared/http/Principal';
import { DEFAULT_PARTNER_REQUESTS_PER_MINUTE } from '../../shared/http/partnerRateLimit';
import { countRequests } from '../support/dynamoProbe';
import { createPartner, registerCloudAccount, uniqueClientEmail } from '../support/clientFixtures';
import { issuerConfigFromEnv, verifyBearerToken } from '../../shared/http/authenticate';
import { routes } from '../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { mark, markdownTable } from './markdownTable';
import { interleaved, median, ratio } from './sampling';

/** Target from issue 8: the middleware stack adds at most 30 % to the call it wraps. */
const MAX_OVERHEAD_RATIO = 1.3;
/** Calls before measuring: the first one fetches the JWKS, later ones warm the JIT and sockets. */
const WARM_UP_CALLS = 30;

/** One state of the local stack's store that section 3 is measured in, e.g. `fresh store`. */
export interface OverheadMeasurement {
  readonly state: string;
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/**
 * Section 3: a route through the full middy stack (JWT verification, validation, error mapping,
 * JSON) against the bare repository call it makes, on DynamoDB Local, warm, interleaved; measured
 * in the store's `state` (the section runs it twice: on a fresh store and after the seeding of
 * sections 2 and 2b).
 */
export async function measureHandlerOverhead(stack: LocalStack, rounds: number, state: string): Promise<OverheadMeasurement> {
  const token = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
  const repository = new DynamoApplicationRepository(documentClient());
  const tag = randomBytes(6).toString('hex');
  const submitted = await invokeRoute(
    routeOf(routes, 'POST', '/partner-applications'),
    jsonBody({ name: 'Bench Applicant', email: `bench-${tag}@example.com`, phone: '+74950000000', company: 'Bench LLC', message: tag }),
  );
  const id = String((JSON.parse(submitted.body ?? '{}') as { id?: unknown }).id);
  const route = async (method: 'GET', path: string, request: ApiRequest, as = token): Promise<void> => {
    const response = await invokeRoute(routeOf(routes, method, path), { ...request, token: as }, { validate: false });
    if (response.statusCode !== 200) throw new Error(`${method} ${path} answered ${response.statusCode}: ${response.body ?? ''}`);
  };
  // A partner route: the membership check (issue 31) reads the partner's team once per cache time per
  // container; with the cache off (`MEMBERSHIP_CACHE_SECONDS=0`) on every request, the worst case.
  const partner = await createPartner(documentClient());
  const owner = await stack.tokens.personToken({ sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId });
  const added = await invokeRoute(routeOf(routes, 'POST', '/clients'), {
    ...jsonBody({ email: uniqueClientEmail(), accountId: await registerCloudAccount(documentClient()) }), token: owner,
  });
  const clientId = String((JSON.parse(added.body ?? '{}') as { id?: unknown }).id);
  // The partner's calls here stay under any per-minute limit only if the bench raises it.
  process.env.PARTNER_REQUESTS_PER_MINUTE = String(1_000_000);
  const getClient = () => route('GET', '/clients/{id}', { pathParameters: { id: clientId } }, owner);
  const withoutCache = async () => {
    process.env.MEMBERSHIP_CACHE_SECONDS = '0';
    try {
      await getClient();
    } finally {
      delete process.env.MEMBERSHIP_CACHE_SECONDS;
    }
  };
  // What the route does on DynamoDB besides its HTTP stack: the rate limit's counter and the client read.
  const partnerBare = async () => {
    await rateLimiter().take(`partner:${partner.partnerId}`, { limit: DEFAULT_PARTNER_REQUESTS_PER_MINUTE * 10_000, windowMs: 60_000 }, clock.now());
    await clientQueries().get(partner.partnerId, clientId);
  };
  const requestsOf = async (call: () => Promise<void>): Promise<number> => {
    await call();
    const count = countRequests(documentClient());
    try {
      await call();
      return count.total();
    } finally {
      count.stop();
    }
  };
  // The same route called by an API key (issue 33): the key is read once per cache time, its own rate limit counted on every call.
  const created = await createApiKey(apiKeyDeps(), partner.partnerId, founderMemberId(partner.partnerId), {
    name: 'bench', scopes: ['clients:read'], expiresAt: new Date(clock.now().getTime() + 86_400_000),
  });
  process.env.API_KEY_REQUESTS_PER_MINUTE = String(1_000_000);
  const getClientByKey = () => route('GET', '/clients/{id}', { pathParameters: { id: clientId } }, created.value);
  const keyBare = async () => {
    await rateLimiter().take(apiKeyActorId(created.key.keyId), { limit: 1_000_000, windowMs: 60_000 }, clock.now());
    await partnerBare();
  };
  // The local stream consumer runs in this process on the same DynamoDB client: it catches up, then waits
  // until the measurement ends, so neither its requests nor its time land in the rows below.
  await stack.drainStreams();
  await stack.pauseStreams();
  try {
    return await measurePairs();
  } finally {
    stack.resumeStreams();
  }

  async function measurePairs(): Promise<OverheadMeasurement> {
    const [cachedRequests, uncachedRequests, bareRequests] = [await requestsOf(getClient), await requestsOf(withoutCache), await requestsOf(partnerBare)];
    const [keyRequests, keyBareRequests] = [await requestsOf(getClientByKey), await requestsOf(keyBare)];
    const pairs = [
      {
        name: 'GET /partner-applications/{id} vs repository.get',
        full: () => route('GET', '/partner-applications/{id}', { pathParameters: { id } }),
        bare: () => repository.get(id),
      },
      {
        name: 'GET /partner-applications (20) vs repository.list',
        full: () => route('GET', '/partner-applications', { query: { limit: '20' } }),
        bare: () => repository.list({ limit: 20 }),
      },
      {
        name: `GET /clients/{id}, membership cached (${cachedRequests} DynamoDB requests) vs rate limit + client read (${bareRequests})`,
        full: getClient,
        bare: partnerBare,
      },
      {
        name: `GET /clients/{id}, membership read every request (${uncachedRequests} DynamoDB requests) vs rate limit + client read (${bareRequests})`,
        full: withoutCache,
        bare: partnerBare,
      },
      {
        name: `GET /clients/{id} by API key, key cached (${keyRequests} DynamoDB requests) vs both rate limits + client read (${keyBareRequests})`,
        full: getClientByKey,
        bare: keyBare,
      },
    ];
    // Tokens never seen before, one per call: what the first call of a session pays for the ES256 check.
    const fresh = await Promise.all(Array.from({ length: WARM_UP_CALLS + rounds }, (_, i) =>
      stack.tokens.personToken({ sub: `mgr_bench_${i}`, email: 'manager@example.com', role: 'manager' })));
    const cases: Record<string, () => Promise<unknown>> = {
      ...Object.fromEntries(pairs.flatMap((pair, i) => [[`full${i}`, pair.full], [`bare${i}`, pair.bare]])),
      // The JWT check every protected route makes: a token seen for the first time (ES256, key set cached) ...
      tokenFirst: () => verifyBearerToken(`Bearer ${fresh.pop() ?? token}`, issuerConfigFromEnv()),
      // ... and one the container has verified before (a console sends the same ID token all session).
      tokenRemembered: () => verifyBearerToken(`Bearer ${token}`, issuerConfigFromEnv()),
    };
    for (let i = 0; i < WARM_UP_CALLS; i += 1) for (const run of Object.values(cases)) await run();
    const samples = await interleaved(cases, rounds);
    const tokenChecks = `${median(samples.tokenFirst ?? []).toFixed(2)} / ${median(samples.tokenRemembered ?? []).toFixed(2)}`;
    const rows = pairs.map((pair, i) => {
      const [full, bare] = [median(samples[`full${i}`] ?? []), median(samples[`bare${i}`] ?? [])];
      return [state, pair.name, full.toFixed(2), bare.toFixed(2), ratio(full, bare), mark(full / bare <= MAX_OVERHEAD_RATIO), tokenChecks];
    });
    return { state, rows };
  }
}

/** The table of section 3, one row per route and store state. */
export function handlerOverheadTable(measurements: readonly OverheadMeasurement[]): string {
  const table = markdownTable(
    ['store', 'route vs bare call', 'full stack ms (median)', 'bare call ms (median)', 'ratio', `≤ ${MAX_OVERHEAD_RATIO}×`, 'JWT check ms: new token / remembered'],
    measurements.flatMap((measurement) => measurement.rows),
  );
  return `${table}\n\nThe routes are called with one token throughout, as a console session calls them; a token the ` +
    'container has not verified yet costs the first column of the JWT check once more.';
}
