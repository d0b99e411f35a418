import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_ESBUILD_OPTIONS } from '../../infra/functionBundling';
import { GENERATED_OPENAPI_FILE } from '../../infra/generateOpenApi';
import { jobs, queues, routes, streams, triggers } from '../../shared/routeTable';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A function as the stack bundles it (`infra/functionBundling.ts`): it creates the DocumentClient
 * exactly as the functions do and sends one signed request.
 */
const PROBE = `
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from './shared/adapters/dynamodb/documentClient';
export const handler = async () => {
  const answer = await createDocumentClient().send(new ListTablesCommand({ Limit: 1 }));
  return answer.$metadata.httpStatusCode;
};
`;

let outDir = '';
let file = '';
let inputs: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'partnerdesk-bundle-'));
  file = path.join(outDir, 'index.mjs');
  const result = await build({
    ...FUNCTION_ESBUILD_OPTIONS,
    stdin: { contents: PROBE, resolveDir: PROJECT_ROOT, loader: 'ts', sourcefile: 'probe.ts' },
    outfile: file,
    absWorkingDir: PROJECT_ROOT,
    metafile: true,
    logLevel: 'warning',
  });
  inputs = Object.keys(result.metafile.inputs);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** Runs the bundled handler in a fresh Node process with only `env` (as Lambda starts a function). */
function invoke(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(await handler());`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '', HOME: outDir, AWS_REGION: 'eu-central-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? '', ...env,
    },
    encoding: 'utf8',
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('function bundles', () => {
  it('leave the default credential chain out: its SSO, ini, web-identity and STS parts are not bundled', () => {
    expect(inputs.some((input) => input.includes('@aws-sdk/credential-provider-env'))).toBe(true);
    expect(inputs.filter((input) => /@aws-sdk\/(credential-provider-(node|ini|sso|web-identity|process|http)|nested-clients)\//.test(input))).toEqual([]);
  });

  it('sign requests with the credentials Lambda puts in the environment', () => {
    const run = invoke({ AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_SESSION_TOKEN: 'local-session' });

    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.trim()).toBe('200');
  });

  it('fail plainly when the environment carries no credentials (no other source is tried)', () => {
    const run = invoke({});

    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Unable to find environment variable credentials/);
  });
});

describe('GET /openapi.json\'s bundle', () => {
  it('carries the document compressed, not the JSON, and answers it whole from the bundle', async () => {
    const bundle = path.join(outDir, 'getOpenApiDocument.mjs');
    const result = await build({
      ...FUNCTION_ESBUILD_OPTIONS, entryPoints: ['functions/getOpenApiDocument.ts'], outfile: bundle, absWorkingDir: PROJECT_ROOT, metafile: true, logLevel: 'warning',
    });
    const request = { headers: { host: 'evil.example' }, requestContext: { requestId: 'r-1', domainName: 'api.example.com', http: { method: 'GET', path: '/openapi.json' } } };
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});`
      + `console.log((await handler(${JSON.stringify(request)}, { awsRequestId: 'r-1' })).body);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });

    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('openapi.generated'))).toEqual(['shared/http/openapi.generated.br.ts']);
    expect([child.status, child.stderr]).toEqual([0, '']);
    const committed = JSON.parse(readFileSync(GENERATED_OPENAPI_FILE, 'utf8')) as Record<string, unknown>;
    expect(JSON.parse(child.stdout)).toEqual({ ...committed, servers: [{ url: 'https://api.example.com' }] });
  });
});

describe('every function of the route table, bundled as the stack bundles it', () => {
  /**
   * Parts of an SDK client no function calls: waiters, paginators, and the aggregated client
   * (`DynamoDB`, `SES`, … beside the `…Client` the functions use), which pulls in every command and
   * its schema. They reach a bundle only when tree-shaking is defeated, as a dynamic `import()` inside
   * the one-file bundle does: it kept all of DynamoDB's commands in every route (≈ +45 KB, +25 % cold start).
   */
  const UNUSED_SDK_PART = /@aws-sdk\/client-[a-z0-9-]+\/dist-es\/(waiters\/|pagination\/|[A-Z][A-Za-z0-9]*(?<!Client|Exception)\.js$)/;

  it('carries no waiter, paginator or aggregated client of the AWS SDK', async () => {
    const handlers = [...new Set([...routes, ...jobs, ...streams, ...queues, ...triggers].map((fn) => fn.handler))];
    const result = await build({
      ...FUNCTION_ESBUILD_OPTIONS,
      entryPoints: Object.fromEntries(handlers.map((handler) => [handler, `functions/${handler}.ts`])),
      outdir: path.join(outDir, 'all'),
      absWorkingDir: PROJECT_ROOT,
      metafile: true,
      logLevel: 'warning',
    });
    const outputs = Object.values(result.metafile.outputs).filter((output) => output.entryPoint !== undefined);
    const unused = outputs.flatMap((output) => Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && UNUSED_SDK_PART.test(input))
      .map(([input]) => `${output.entryPoint}: ${input}`));

    expect(outputs).toHaveLength(handlers.length);
    expect(unused).toEqual([]);
  });
});
