/**
 * A function's library floor: the fixed libraries it bundles, each used once the way the functions
 * use it (`floors/`), with no partnerdesk code. What a function costs above its floor is ours.
 * Floors are derived from the bundle, so every function gets the floor of exactly its libraries.
 */

/** Floor uses (modules under `floors/`) in the order a floor lists them, with the label a table shows. */
const USES = [
  ['dynamodb', 'DocumentClient'],
  ['zod', 'zod/mini'],
  ['jose', 'jose'],
  ['logger', 'Logger'],
  ['loggerAtLoad', 'Logger'],
  ['metrics', 'Metrics'],
  ['idempotency', 'idempotency'],
  ['ses', 'SES'],
  ['cognito', 'Cognito'],
  ['eventbridge', 'EventBridge'],
  ['sqs', 'SQS'],
  ['secrets', 'Secrets Manager'],
  ['moscowTime', '@date-fns/tz'],
] as const;

type FloorUseModule = (typeof USES)[number][0];

/** The floor use that stands for each library of `package.json` dependencies (middy is the handler itself). */
const USE_OF_PACKAGE: Readonly<Record<string, Exclude<FloorUseModule, 'loggerAtLoad'> | 'middy'>> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/credential-provider-env': 'dynamodb',
  zod: 'zod',
  jose: 'jose',
  '@aws-lambda-powertools/logger': 'logger',
  '@aws-lambda-powertools/metrics': 'metrics',
  '@aws-lambda-powertools/idempotency': 'idempotency',
  '@aws-sdk/client-ses': 'ses',
  '@aws-sdk/client-cognito-identity-provider': 'cognito',
  '@aws-sdk/client-eventbridge': 'eventbridge',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-secrets-manager': 'secrets',
  // The stream consumer's unmarshalling: part of the DynamoDB document client's own library.
  '@aws-sdk/util-dynamodb': 'dynamodb',
  '@date-fns/tz': 'moscowTime',
  '@middy/core': 'middy',
};

/** The floor of one set of libraries. */
export interface LibraryFloor {
  /** Modules under `floors/` it uses, in `USES` order. */
  readonly uses: readonly FloorUseModule[];
  /** Behind middy (routes) or a plain handler (jobs, triggers). */
  readonly middy: boolean;
  /** Row label, e.g. `floor: middy + DocumentClient + zod/mini`. */
  readonly name: string;
}

/** The floor made of these libraries (npm package names); throws for a library no floor use stands for. */
export function libraryFloorOf(packages: Iterable<string>): LibraryFloor {
  const wanted = new Set<string>();
  for (const pkg of packages) {
    const use = USE_OF_PACKAGE[pkg];
    if (!use) throw new Error(`No library floor use for ${pkg}: add one under test/bench/floors and map it in libraryFloor.ts`);
    wanted.add(use);
  }
  const middy = wanted.has('middy');
  // Routes load the logger on their first 5xx; jobs create it at load, since they log every run.
  if (!middy && wanted.delete('logger')) wanted.add('loggerAtLoad');
  const uses = USES.filter(([module]) => wanted.has(module));
  if (!middy && wanted.has('idempotency')) throw new Error('Idempotency is a middy middleware: a floor with it needs @middy/core');
  const labels = [...(middy ? ['middy'] : []), ...uses.map(([, label]) => label)];
  return { uses: uses.map(([module]) => module), middy, name: `floor: ${labels.join(' + ') || 'no library'}` };
}

/** Source of the floor's entry module, importing the floor uses from `floorsDir` (an absolute path). */
export function libraryFloorSource(floor: LibraryFloor, floorsDir: string): string {
  const from = (module: string): string => JSON.stringify(`${floorsDir}/${module}`);
  return [
    `import { floorHandler } from ${from(floor.middy ? 'middyHandler' : 'plainHandler')};`,
    ...floor.uses.map((module) => `import { floorUse as ${module} } from ${from(module)};`),
    `export const handler = floorHandler([${floor.uses.join(', ')}]);`,
    '',
  ].join('\n');
}
