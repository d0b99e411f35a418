import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One check of a deployed stage and what it found. */
export interface SmokeCheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The OpenAPI document this checkout would deploy. */
const COMMITTED_DOCUMENT = path.join(__dirname, '..', 'shared', 'http', 'openapi.generated.json');

/** Security headers every console page carries (CloudFront's response headers policy; the local console server alike). */
const CONSOLE_HEADERS: readonly [string, (value: string) => boolean][] = [
  ['content-security-policy', (value) => value.includes("frame-ancestors 'none'") && value.includes("object-src 'none'")],
  ['x-content-type-options', (value) => value === 'nosniff'],
  ['referrer-policy', (value) => value === 'no-referrer'],
  ['x-frame-options', (value) => value.toUpperCase() === 'DENY'],
];

type Check = () => Promise<string>;

/** Runs one check: its detail when it holds, the reason when it does not. */
async function run(name: string, check: Check): Promise<SmokeCheckResult> {
  try {
    return { name, ok: true, detail: await check() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** The one error shape of the API, with the expected code. */
async function errorCodeOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expectThat(typeof body.error?.code === 'string' && typeof body.error.message === 'string' && typeof body.error.details === 'object',
    `not the API's error shape: ${JSON.stringify(body).slice(0, 200)}`);
  return String(body.error?.code);
}

/**
 * The post-deploy smoke checks of a stage (`npm run smoke -- <apiUrl> <consoleUrl>`): the parts of
 * the end-to-end journey that need no local helper and change nothing stored.
 */
export async function smokeChecks(apiUrl: string, consoleUrl: string, http: typeof fetch = fetch): Promise<SmokeCheckResult[]> {
  const api = apiUrl.replace(/\/+$/, '');
  const consoleOrigin = new URL(consoleUrl).origin;
  const checks: [string, Check][] = [
    ['OpenAPI document served and the same as this checkout\'s', async () => {
      const response = await http(`${api}/openapi.json`);
      expectThat(response.status === 200, `GET /openapi.json answered ${response.status}`);
      const { servers, ...served } = (await response.json()) as { servers?: unknown };
      const { servers: _committedServers, ...committed } = JSON.parse(readFileSync(COMMITTED_DOCUMENT, 'utf8')) as { servers?: unknown };
      expectThat(JSON.stringify(served) === JSON.stringify(committed), 'the served document differs from shared/http/openapi.generated.json: deploy this checkout, or check out what is deployed');
      return `servers ${JSON.stringify(servers)}`;
    }],
    ['CORS lets the console call the API', async () => {
      const response = await http(`${api}/clients`, {
        method: 'OPTIONS',
        headers: { origin: consoleOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      const allowed = response.headers.get('access-control-allow-origin');
      expectThat(allowed === consoleOrigin, `preflight from ${consoleOrigin} answered ${response.status} with access-control-allow-origin ${allowed ?? '(none)'}`);
      return `preflight ${response.status}, origin ${allowed}`;
    }],
    ['A partner route without a token answers 401', async () => {
      const response = await http(`${api}/clients`);
      expectThat(response.status === 401, `GET /clients without a token answered ${response.status}`);
      return `401 ${await errorCodeOf(response)}`;
    }],
    ['The public form checks its input (and stores nothing)', async () => {
      const response = await http(`${api}/partner-applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expectThat(response.status === 400, `an empty form answered ${response.status}`);
      const code = await errorCodeOf(response);
      expectThat(code === 'validation_failed', `an empty form answered code ${code}`);
      return `400 ${code}`;
    }],
    ['The console serves config.json naming this API', async () => {
      const response = await http(`${consoleOrigin}/config.json`);
      expectThat(response.status === 200, `GET /config.json answered ${response.status}`);
      const config = (await response.json()) as { apiUrl?: unknown };
      expectThat(typeof config.apiUrl === 'string' && config.apiUrl.replace(/\/+$/, '') === api, `config.json names the API ${String(config.apiUrl)}`);
      return `apiUrl ${String(config.apiUrl)}`;
    }],
    ['The console serves index.html with its security headers', async () => {
      const response = await http(`${consoleOrigin}/`);
      expectThat(response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/html'), `GET / answered ${response.status} ${response.headers.get('content-type') ?? ''}`);
      const wanted = consoleOrigin.startsWith('https:')
        ? [...CONSOLE_HEADERS, ['strict-transport-security', (value: string) => /max-age=\d{7,}/.test(value)] as const]
        : CONSOLE_HEADERS;
      const missing = wanted.filter(([header, holds]) => !holds(response.headers.get(header) ?? '')).map(([header]) => header);
      expectThat(missing.length === 0, `missing or wrong: ${missing.join(', ')}`);
      return `${wanted.length} security headers`;
    }],
  ];
  const results: SmokeCheckResult[] = [];
  for (const [name, check] of checks) results.push(await run(name, check));
  return results;
}
