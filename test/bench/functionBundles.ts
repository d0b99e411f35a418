import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { FUNCTION_ESBUILD_OPTIONS } from '../../infra/functionBundling';
import { dependencies } from '../../package.json';
import { tableEnvVar } from '../../shared/adapters/dynamodb/tables';
import { jobs, routes, triggers, type Uses } from '../../shared/routeTable';
import { isTableName } from '../../infra/constructs/Tables';
import { type FunctionKind, MAX_KB_OVER_FLOOR, MAX_OVER_FLOOR, peerTargetOf } from './coldStartTargets';
import { type LibraryFloor, libraryFloorOf, libraryFloorSource } from './libraryFloor';
import { mark, markdownTable } from './markdownTable';
import { installPeer, PEER_BUNDLING, PEER_ENV, PEER_NAME } from './peer';
import { median, ratio, timed } from './sampling';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Exactly the stack's bundling (`infra/functionBundling.ts`), run from the project root. */
const STACK_BUNDLING: BuildOptions = { ...FUNCTION_ESBUILD_OPTIONS, absWorkingDir: PROJECT_ROOT };

/** What Lambda puts into every function's environment before its module loads. */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-central-1',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
};

interface Bundle {
  readonly name: string;
  readonly file: string;
  /** Lambda imports an ES module and requires a CommonJS one. */
  readonly format: 'esm' | 'cjs';
  readonly env: Readonly<Record<string, string>>;
  readonly bytes: number;
  /** Output bytes from partnerdesk's own sources (everything outside node_modules). */
  readonly ownBytes: number;
  /** partnerdesk's dependencies (`package.json`) that left code in the bundle. */
  readonly libraries: readonly string[];
}

/** The inputs of the bundle's one output, with the bytes each left in it. */
function entryInputs(metafile: Metafile): Array<[string, { readonly bytesInOutput: number }]> {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  return Object.entries(output?.inputs ?? {});
}

/** The npm package an input belongs to, if it is one. */
const packageOf = (input: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

async function bundle(name: string, options: BuildOptions, outDir: string, env: Readonly<Record<string, string>> = {}): Promise<Bundle> {
  const format = options.format === 'esm' ? 'esm' : 'cjs';
  const file = path.join(outDir, name.replace(/[^\w-]+/g, '_'), format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await build({ ...options, outfile: file, metafile: true, logLevel: 'warning' });
  const inputs = entryInputs(result.metafile ?? { inputs: {}, outputs: {} }).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
  const libraries = new Set(inputs.map(([input]) => packageOf(input)).filter((pkg): pkg is string => pkg !== undefined && pkg in dependencies));
  return {
    name,
    file,
    format,
    env: { ...LAMBDA_ENV, LAMBDA_TASK_ROOT: path.dirname(file), ...env },
    bytes: (await stat(file)).size,
    ownBytes: inputs.filter(([input]) => packageOf(input) === undefined).reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0),
    libraries: [...libraries].sort(),
  };
}

/** One cold start: the wall time of the process, and the CPU time it had used when the module had loaded. */
interface ColdStart {
  readonly wallMs: number;
  readonly cpuMs: number;
}

const CPU_MARK = 'cold-start-cpu-ms:';

/**
 * A fresh `node` process that loads the bundle as Lambda does (imports an ES module, requires a
 * CommonJS one) and calls nothing, as a cold start does; it reports the CPU time (user + system,
 * all threads) its start-up and the load took.
 */
async function coldStart(b: Bundle): Promise<ColdStart> {
  const load = b.format === 'esm' ? `await import(${JSON.stringify(pathToFileURL(b.file).href)});` : `require(${JSON.stringify(b.file)});`;
  const report = `const { user, system } = process.cpuUsage(); process.stdout.write('\\n${CPU_MARK}' + (user + system) / 1000);`;
  const args = [...(b.format === 'esm' ? ['--input-type=module'] : []), '-e', `${load} ${report}`];
  let child: SpawnSyncReturns<string> | undefined;
  const wallMs = await timed(() => {
    child = spawnSync(process.execPath, args, { env: b.env, encoding: 'utf8' });
  });
  const cpuMs = Number(child?.stdout.split(CPU_MARK).at(-1));
  if (child?.status !== 0 || !Number.isFinite(cpuMs)) throw new Error(`Loading ${b.name} failed:\n${child?.stderr ?? ''}`);
  return { wallMs, cpuMs };
}

/** The machine's 1-minute load average and core count, for the reading of wall times. */
const loadAverage = (): string => `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores at the end`;

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const percent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;

/** How long the cold-start measurements may take, and how many interleaved rounds at least and at most. */
export interface ColdStartBudget {
  readonly seconds: number;
  readonly minRounds: number;
  readonly maxRounds: number;
}

/** Every function of the route table: routes, jobs and the console users' pool triggers. */
function benchedFunctions(): Array<{ readonly handler: string; readonly kind: FunctionKind; readonly env: Readonly<Record<string, string>> }> {
  const all = [
    ...routes.map((route) => ({ handler: route.handler, kind: { kind: 'route', method: route.method } as const, env: stackEnvironment(route.uses) })),
    ...jobs.map((job) => ({ handler: job.handler, kind: { kind: 'job' } as const, env: stackEnvironment(job.uses) })),
    ...triggers.map((trigger) => ({ handler: trigger.handler, kind: { kind: 'trigger' } as const, env: stackEnvironment(trigger.uses) })),
  ];
  return all.filter((fn, index) => all.findIndex((other) => other.handler === fn.handler) === index);
}

/**
 * The variables the stack gives a function (`ServiceFunction`'s wiring of its `uses`), with stand-in
 * values: a module that reads its table's name when it loads must find it, as in Lambda.
 */
function stackEnvironment(uses: Uses): Record<string, string> {
  const tables = Object.keys(uses.tables ?? {}).filter(isTableName);
  return {
    ...Object.fromEntries(tables.map((name) => [tableEnvVar(name), `bench-${name}`])),
    EVENT_BUS_NAME: 'bench-events', MAIL_FROM: 'bench@example.com', USER_POOL_ID: 'eu-central-1_bench',
    CURSOR_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:bench', WEBHOOK_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/000000000000/bench',
  };
}

/**
 * Section 1: every function bundled like the stack bundles it, its library floor (its libraries
 * alone) and the peer; cold starts interleaved with the peer's (peer, f1, peer, f2, ...) and one
 * bare handler per round, so load from elsewhere on the machine hits every row alike.
 */
export async function benchFunctionBundles(budget: ColdStartBudget): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'partnerdesk-bench-'));
  try {
    installPeer();
    const peer = await bundle(PEER_NAME, PEER_BUNDLING, outDir, PEER_ENV);
    const bareEntry = path.join(outDir, 'bare.ts');
    await writeFile(bareEntry, 'export const handler = async () => ({});\n');
    const bare = await bundle('bare handler', { ...STACK_BUNDLING, entryPoints: [bareEntry] }, outDir);

    const functions = [];
    for (const fn of benchedFunctions()) {
      const b = await bundle(fn.handler, { ...STACK_BUNDLING, entryPoints: [path.join(PROJECT_ROOT, 'functions', `${fn.handler}.ts`)] }, outDir, fn.env);
      functions.push({ ...fn, bundle: b, floor: libraryFloorOf(b.libraries) });
    }
    const floors = new Map<string, { readonly floor: LibraryFloor; readonly bundle: Bundle; readonly id: string }>();
    for (const { floor } of functions) {
      if (floors.has(floor.name)) continue;
      const entry = path.join(outDir, `floor${floors.size + 1}.ts`);
      await writeFile(entry, libraryFloorSource(floor, path.join(__dirname, 'floors')));
      floors.set(floor.name, { floor, bundle: await bundle(floor.name, { ...STACK_BUNDLING, entryPoints: [entry] }, outDir), id: `F${floors.size + 1}` });
    }

    const measured = [...functions.map((fn) => fn.bundle), ...[...floors.values()].map((f) => f.bundle)];
    const samples = new Map<string, ColdStart[]>([peer, bare, ...measured].map((b) => [b.name, []]));
    const sample = async (b: Bundle): Promise<void> => {
      samples.get(b.name)?.push(await coldStart(b));
    };
    const round = async (): Promise<void> => {
      await sample(bare);
      for (const b of measured) {
        await sample(peer);
        await sample(b);
      }
    };
    // The first round tells how many more fit into the time budget (more functions, fewer rounds).
    const firstRoundMs = await timed(round);
    const rounds = Math.min(budget.maxRounds, Math.max(budget.minRounds, Math.floor((budget.seconds * 1000) / firstRoundMs)));
    for (let done = 1; done < rounds; done += 1) await round();
    // Targets are judged on CPU time: on a shared machine the wall time of one start varies several-fold with the load, its CPU time by a few per cent.
    const ms = (b: Bundle): number => median((samples.get(b.name) ?? []).map((start) => start.cpuMs));
    const wallMs = (b: Bundle): number => median((samples.get(b.name) ?? []).map((start) => start.wallMs));
    const peerMs = ms(peer);
    const bareMs = ms(bare);

    const functionRows = functions.map((fn) => {
      const target = peerTargetOf(fn.kind);
      const floor = floors.get(fn.floor.name);
      const floorMs = floor ? ms(floor.bundle) : Number.NaN;
      const overFloor = (ms(fn.bundle) - floorMs) / floorMs;
      const kbOverFloor = (fn.bundle.bytes - (floor?.bundle.bytes ?? Number.NaN)) / 1024;
      const kind = fn.kind.kind === 'route' ? `${fn.kind.method} route` : fn.kind.kind;
      return [
        fn.handler,
        `${kind}: ${target.label} ≤ ${target.maxPeerRatio}×`,
        kb(fn.bundle.bytes),
        kb(fn.bundle.ownBytes),
        ms(fn.bundle).toFixed(0),
        ratio(ms(fn.bundle), peerMs),
        mark(ms(fn.bundle) / peerMs <= target.maxPeerRatio),
        `${wallMs(fn.bundle).toFixed(0)} (${ratio(wallMs(fn.bundle), wallMs(peer))})`,
        floor?.id ?? '',
        percent(overFloor),
        mark(overFloor <= MAX_OVER_FLOOR),
        kbOverFloor.toFixed(1),
        mark(kbOverFloor <= MAX_KB_OVER_FLOOR),
      ];
    });
    const functionTable = markdownTable(
      [
        'function',
        'kind: peer target',
        'minified KB',
        'of it own code',
        'cold start CPU ms',
        'vs peer',
        'peer target met',
        'wall ms (vs peer)',
        'floor',
        'over floor',
        `≤ ${MAX_OVER_FLOOR * 100} %`,
        'KB over floor',
        `≤ ${MAX_KB_OVER_FLOOR} KB`,
      ],
      functionRows,
    );
    const referenceRows: Array<readonly [string, string, Bundle]> = [
      ...[...floors.values()].map(({ id, floor, bundle: b }) => [id, floor.name.replace(/^floor: /, ''), b] as const),
      ['peer', 'serverless-typescript-demo get-product (CommonJS, Node 16 target, Powertools 1.18.1, X-Ray SDK)', peer],
      ['bare', 'export const handler = async () => ({})', bare],
    ];
    const referenceTable = markdownTable(
      ['row', 'libraries', 'minified KB', 'cold start CPU ms', 'vs peer', 'vs bare', 'wall ms (vs bare)'],
      referenceRows.map(([id, libraries, b]) => [id, libraries, kb(b.bytes), ms(b).toFixed(0), ratio(ms(b), peerMs), ratio(ms(b), bareMs), `${wallMs(b).toFixed(0)} (${ratio(wallMs(b), wallMs(bare))})`]),
    );
    return [
      functionTable,
      `Library floors (each function's libraries alone, used as the functions use them, no partnerdesk code), the peer and a bare handler, measured in the same rounds:`,
      referenceTable,
      `Medians of ${rounds} rounds; in each, every function and floor is loaded right after the peer (peer, f1, peer, f2, ...), as Lambda loads it (ES modules imported, CommonJS required, no \`--enable-source-maps\`), in a fresh \`node\` ${process.version} with Lambda's environment variables. Cold start = CPU time (user + system) of that process when the module has loaded, Node's own start included; the targets are judged on it. Wall time is shown beside it; on a loaded machine it mostly measures the load (${loadAverage()}).`,
    ].join('\n\n');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
