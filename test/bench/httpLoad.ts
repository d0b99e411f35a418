import autocannon from 'autocannon';
import type { LocalStack } from '../../infra/local/localStack';
import { mark, markdownTable } from './markdownTable';

/** One load case: a request autocannon repeats; `[<id>]` in the body becomes a unique id per request. */
interface LoadCase {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * Section 4: HTTP load on the local gateway (loopback only, bounded connections and duration).
 * autocannon runs in a worker thread so that load generation does not share the event loop of
 * the gateway and the functions.
 */
export async function benchHttpLoad(stack: LocalStack, options: { connections: number; seconds: number }): Promise<string> {
  const managerToken = await stack.tokens.personToken({ sub: 'mgr_bench', email: 'manager@example.com', role: 'manager' });
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
  ];
  const rows: (string | number)[][] = [];
  for (const load of cases) {
    const result = await autocannon({
      url: `${stack.apiUrl}${load.path}`,
      method: load.method,
      headers: load.headers,
      ...(load.body !== undefined && { body: load.body, idReplacement: true }),
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
  return markdownTable(
    ['case', 'req/s (mean)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors + timeouts', '0 errors'],
    rows,
  ).concat(`\n\n${options.connections} connections, ${options.seconds} s per case, loopback.`);
}
