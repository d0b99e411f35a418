import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import autocannon from 'autocannon';
import type { LocalStack } from '../../infra/local/localStack';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { documentClient } from '../../shared/adapters/compositionRoot';
import { createPartner } from '../support/clientFixtures';
import { mark, markdownTable } from './markdownTable';

/** Cloud accounts registered for the add-client case: more than the local stack can add in the time given. */
const ACCOUNTS_PER_SECOND = 200;
const REGISTER_PARALLEL = 16;
/** Time for the requests still in flight when autocannon stops to finish before the stack stops. */
const SETTLE_MS = 3000;

/** One load case: a request autocannon repeats. */
interface LoadCase {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  /** A fixed body; `[<id>]` in it becomes a unique id per request. */
  readonly body?: string;
  /** A module (path) whose `export =` function builds each request, for bodies `[<id>]` cannot express. */
  readonly setupRequest?: string;
}

/** Registers `count` cloud accounts `<prefix><12-digit n>` for the add-client case. */
async function registerAccounts(prefix: string, count: number): Promise<void> {
  const registry = new DynamoCloudAccountRegistry(documentClient());
  const at = new Date();
  for (let done = 0; done < count; done += REGISTER_PARALLEL) {
    await Promise.all(
      Array.from({ length: Math.min(REGISTER_PARALLEL, count - done) }, (_, i) => registry.register(`${prefix}${String(done + i).padStart(12, '0')}`, at)),
    );
  }
}

/**
 * Section 4: HTTP load on the local gateway (loopback only, bounded connections and duration).
 * autocannon runs in a worker thread so that load generation does not share the event loop of
 * the gateway and the functions. The per-partner rate limit and the public form's per-sender limit
 * (every request comes from loopback) are lifted for the run.
 */
export async function benchHttpLoad(stack: LocalStack, options: { connections: number; seconds: number }): Promise<string> {
  process.env.PARTNER_REQUESTS_PER_MINUTE = String(Number.MAX_SAFE_INTEGER);
  process.env.FORM_SUBMISSIONS_PER_SENDER_PER_HOUR = String(Number.MAX_SAFE_INTEGER);
  const partner = await createPartner(documentClient(), 'Load Partner LLC');
  const managerToken = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
  const partnerToken = await stack.tokens.personToken({
    sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId,
  });
  const accountPrefix = `acc-${randomBytes(4).toString('hex')}`;
  await registerAccounts(accountPrefix, ACCOUNTS_PER_SECOND * options.seconds);
  process.env.BENCH_ACCOUNT_PREFIX = accountPrefix;

  const cases: LoadCase[] = [
    {
      name: 'list applications (GET /partner-applications?limit=20, manager)',
      method: 'GET',
      path: '/partner-applications?limit=20',
      headers: { authorization: `Bearer ${managerToken}` },
    },
    {
      name: 'submit application (POST /partner-applications, unique bodies)',
      method: 'POST',
      path: '/partner-applications',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Load Applicant',
        email: 'load-[<id>]@example.com',
        phone: '+74950000000',
        company: 'Load LLC',
        message: 'Load test [<id>]',
      }),
    },
    {
      name: 'list clients (GET /clients?limit=20, partner)',
      method: 'GET',
      path: '/clients?limit=20',
      headers: { authorization: `Bearer ${partnerToken}` },
    },
    {
      name: 'add client (POST /clients, a new registered account each)',
      method: 'POST',
      path: '/clients',
      headers: { authorization: `Bearer ${partnerToken}`, 'content-type': 'application/json' },
      setupRequest: path.join(__dirname, 'addClientRequest.ts'),
    },
  ];
  const rows: (string | number)[][] = [];
  for (const load of cases) {
    const result = await autocannon({
      url: stack.apiUrl,
      ...(load.body !== undefined && { idReplacement: true }),
      requests: [{
        method: load.method,
        path: load.path,
        headers: load.headers,
        ...(load.body !== undefined && { body: load.body }),
        ...(load.setupRequest !== undefined && { setupRequest: load.setupRequest }),
      }],
      connections: options.connections,
      duration: options.seconds,
      workers: 1,
    });
    rows.push([
      load.name,
      result.requests.average.toFixed(0),
      result.latency.p50.toFixed(0),
      result.latency.p99.toFixed(0),
      result.non2xx,
      result.errors + result.timeouts,
      mark(result.non2xx + result.errors + result.timeouts === 0),
    ]);
  }
  // autocannon stops at its deadline; requests it abandoned are still running in the functions.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const table = markdownTable(['case', 'req/s (mean)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors + timeouts', '0 errors'], rows);
  return `${table}\n\n${options.connections} connections, ${options.seconds} s per case, loopback; the gateway, the functions, ` +
    'DynamoDB Local and the local SES share the machine with the load generator.';
}
