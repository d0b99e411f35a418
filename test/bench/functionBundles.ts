import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { FUNCTION_ESBUILD_OPTIONS } from '../../infra/functionBundling';
import { jobs, routes } from '../../shared/routeTable';
import { mark, markdownTable } from './markdownTable';
import { median, ratio, timed } from './sampling';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Targets from issue 8. */
const MAX_BUNDLE_KB = 350;
const MAX_COLD_START_RATIO = 1.5;

/** Exactly the stack's bundling (`infra/functionBundling.ts`), plus a metafile for the contributors. */
const STACK_BUNDLING: BuildOptions = { ...FUNCTION_ESBUILD_OPTIONS, metafile: true, logLevel: 'warning' };

/** The environment a Lambda function starts with, as far as module initialisation can see it. */
const LAMBDA_LIKE_ENV = { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' };

interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  /** Output bytes from partnerdesk's own sources (everything outside node_modules). */
  readonly ownBytes: number;
  /** Largest inputs by package (or source folder), in output bytes. */
  readonly contributors: ReadonlyArray<{ readonly input: string; readonly bytes: number }>;
}

/** The inputs of the bundle's one output, with the bytes each left in it. */
function entryInputs(metafile: Metafile): Array<[string, { readonly bytesInOutput: number }]> {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  return Object.entries(output?.inputs ?? {});
}

/** Groups a metafile's inputs of one output by npm package, or by source folder for own code. */
function contributorsOf(metafile: Metafile): Bundle['contributors'] {
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of entryInputs(metafile)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
    const group = pkg ?? input.split('/').slice(0, 2).join('/');
    totals.set(group, (totals.get(group) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Library floors: the fixed libraries alone, used the way the functions use them, without a line
 * of partnerdesk code (`test/bench/floors`). What a function costs above its floor is ours.
 */
const LIBRARY_FLOORS = [
  { name: 'floor: DynamoDB DocumentClient', entry: 'dynamodb.ts' },
  { name: 'floor: HTTP read route (+ middy, zod/mini, jose, Powertools Logger)', entry: 'httpRead.ts' },
  { name: 'floor: HTTP write route that mails (+ Powertools idempotency, SES)', entry: 'httpMail.ts' },
  { name: 'floor: block / unblock / delete (+ Powertools idempotency, Cognito, EventBridge)', entry: 'httpLoginGate.ts' },
] as const;

/** Output bytes of the inputs that are not npm packages. */
function ownBytesOf(metafile: Metafile): number {
  return entryInputs(metafile)
    .filter(([input]) => !input.includes('node_modules/'))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
}

async function bundle(name: string, entry: string, outDir: string): Promise<Bundle> {
  const file = path.join(outDir, name.replace(/[^\w-]+/g, '_'), 'index.mjs');
  const result = await build({ ...STACK_BUNDLING, entryPoints: [entry], outfile: file, absWorkingDir: PROJECT_ROOT });
  const metafile = result.metafile ?? { inputs: {}, outputs: {} };
  return { name, file, bytes: (await stat(file)).size, ownBytes: ownBytesOf(metafile), contributors: contributorsOf(metafile) };
}

/** Wall time of a fresh `node` process that imports the bundle and calls nothing, as a Lambda cold start does. */
async function coldStart(file: string): Promise<number> {
  const script = `await import(${JSON.stringify(pathToFileURL(file).href)});`;
  const args = ['--input-type=module', '-e', script];
  let failure = '';
  const ms = await timed(() => {
    const child = spawnSync(process.execPath, args, { env: LAMBDA_LIKE_ENV, encoding: 'utf8' });
    if (child.status !== 0) failure = child.stderr;
  });
  if (failure) throw new Error(`Loading ${file} failed:\n${failure}`);
  return ms;
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** How long the cold-start measurements may take, and how many interleaved rounds at least and at most. */
export interface ColdStartBudget {
  readonly seconds: number;
  readonly minRounds: number;
  readonly maxRounds: number;
}

/**
 * Section 1: every handler of the route and job tables bundled like the stack bundles it; size
 * and cold start against a bare handler, interleaved (bare, f1, bare, f2, ...), followed by the
 * library floors measured the same way.
 */
export async function benchFunctionBundles(budget: ColdStartBudget): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'partnerdesk-bench-'));
  try {
    const bareEntry = path.join(outDir, 'bare.ts');
    await writeFile(bareEntry, 'export const handler = async () => ({});\n');
    const bare = await bundle('bare', bareEntry, outDir);
    const handlers = [...new Set([...routes, ...jobs].map((spec) => spec.handler))];
    const bundles: Bundle[] = [];
    for (const handler of handlers) bundles.push(await bundle(handler, path.join(PROJECT_ROOT, 'functions', `${handler}.ts`), outDir));
    const floors: Bundle[] = [];
    for (const floor of LIBRARY_FLOORS) floors.push(await bundle(floor.name, path.join(__dirname, 'floors', floor.entry), outDir));
    const measured = [...bundles, ...floors];

    const bareSamples: number[] = [];
    const deployed = new Map<string, number[]>(measured.map((b) => [b.name, []]));
    const round = async (): Promise<void> => {
      for (const b of measured) {
        bareSamples.push(await coldStart(bare.file));
        deployed.get(b.name)?.push(await coldStart(b.file));
      }
    };
    // The first round tells how many more fit into the time budget (more functions, fewer rounds).
    const firstRoundMs = await timed(round);
    const rounds = Math.min(budget.maxRounds, Math.max(budget.minRounds, Math.floor((budget.seconds * 1000) / firstRoundMs)));
    for (let done = 1; done < rounds; done += 1) await round();
    const bareMs = median(bareSamples);
    const rows = measured.map((b) => {
      const ms = median(deployed.get(b.name) ?? []);
      const sizeOk = b.bytes / 1024 <= MAX_BUNDLE_KB;
      const startOk = ms / bareMs <= MAX_COLD_START_RATIO;
      const largest = sizeOk ? '' : b.contributors.slice(0, 4).map((c) => `${c.input} ${kb(c.bytes)}`).join(', ');
      return [b.name, kb(b.bytes), kb(b.ownBytes), mark(sizeOk), ms.toFixed(0), ratio(ms, bareMs), mark(startOk), largest];
    });
    rows.push(['bare handler', kb(bare.bytes), '', '', bareMs.toFixed(0), '1.00×', '', '']);
    const table = markdownTable(
      [
        'function',
        'minified KB',
        'of it own code',
        `≤ ${MAX_BUNDLE_KB} KB`,
        'cold start ms (median)',
        'vs bare',
        `≤ ${MAX_COLD_START_RATIO}×`,
        'largest inputs (KB), when over size',
      ],
      rows,
    );
    return `${table}\n\nMedians of ${rounds} interleaved cold starts per function (bare, function, bare, ...), loaded as Lambda loads them (no \`--enable-source-maps\`). The floors are the fixed libraries alone, used as the functions use them, with no partnerdesk code (\`test/bench/floors\`).`;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
