/**
 * `npm run bench`: measures partnerdesk side by side in one run and prints one markdown table per
 * section. Figures are ratios against a baseline measured in the same run, never absolute claims;
 * nothing here asserts a timing. Bounded to a few minutes on a 2-core machine.
 *
 * Targets (issue 19): each function's cold start against the peer's and against its library floor,
 * its bundle against the floor's (section 1); DynamoDB requests per operation, handler overhead and
 * HTTP load as before. The web console's budgets (initial JS, lazy chart bundle) are its own
 * section, added by the console's work after section 4.
 *
 * Knobs (environment): BENCH_COLD_SECONDS (time budget of the cold starts, default 150; 5 to 25
 * rounds whatever the budget), BENCH_OVERHEAD_ROUNDS
 * (default 300), BENCH_LOAD_SECONDS (per HTTP case, default 5), BENCH_LOAD_CONNECTIONS (default 10),
 * BENCH_SEARCH_SIZES (partner sizes of the search section, default 1000,100000), BENCH_SPEND_SIZES
 * (partner sizes of the spend control section, default 100,100000), BENCH_ONLY (a comma list of the
 * sections to run by number, e.g. `3` or `2c,2d`; default all).
 */

// The functions log through Powertools; the bench prints tables only.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
// Node 20 is still supported locally (Lambda runs nodejs22.x); the SDK's notice about 2027 is known.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** The sections `BENCH_ONLY` names (their numbers, `2b` included), or every section. */
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean));
const runs = (title: string): boolean => only.size === 0 || only.has(title.split('.')[0] ?? '');

async function section(title: string, run: () => Promise<string>): Promise<void> {
  if (!runs(title)) return;
  const started = Date.now();
  const table = await run();
  console.log(`\n## ${title}\n\n${table}\n\n_(${((Date.now() - started) / 1000).toFixed(0)} s)_`);
}

async function main(): Promise<void> {
  // Imported here, after the environment is set: the functions' modules read it when they load.
  const { benchFunctionBundles } = await import('./functionBundles');
  const { benchDynamoRequests } = await import('./dynamoRequests');
  const { handlerOverheadTable, measureHandlerOverhead } = await import('./handlerOverhead');
  const { benchHttpLoad } = await import('./httpLoad');
  const { benchClientSearch } = await import('./clientSearch');
  const { startLocalStack } = await import('../../infra/local/localStack');
  const { benchConsoleBudget } = await import('./consoleBudget');
  const { benchSpendControl } = await import('./spendControl');
  const { benchWebhookDelay } = await import('./webhookDelay');
  const spendTitle = '2d. Spend control: write units per billing event, home screen and clients by spend and by balance at 100 and 100 000 clients';

  const { benchWritePath } = await import('./writePath');
  const writePathTitle = '2c. Client write path: bulk operations, adding a client, search convergence';

  console.log(`# partnerdesk bench (node ${process.version}, ${new Date().toISOString()})`);
  await section('1. Cold start and bundle size per function, against the peer and the library floor', () =>
    benchFunctionBundles({ seconds: setting('BENCH_COLD_SECONDS', 150), minRounds: 5, maxRounds: 25 }),
  );
  const stack = await startLocalStack();
  try {
    const overheadRounds = setting('BENCH_OVERHEAD_ROUNDS', 300);
    // Section 3 is measured on the fresh store first, and printed after the second measurement, made
    // once sections 2 and 2b have seeded it: the bare call's time moves with the store's state.
    const onFreshStore = runs('3.') ? await measureHandlerOverhead(stack, overheadRounds, 'fresh') : undefined;
    await section('2. DynamoDB requests per operation', () => benchDynamoRequests(stack));
    await section('2b. Client search at 1 000 and 100 000 clients of one partner', () => benchClientSearch());
    await section(writePathTitle, () => benchWritePath(stack));
    await section(spendTitle, benchSpendControl);
    await section('3. Handler overhead (warm, DynamoDB Local)', async () =>
      handlerOverheadTable([
        ...(onFreshStore ? [onFreshStore] : []),
        ...(runs('2.') ? [await measureHandlerOverhead(stack, overheadRounds, 'seeded (after 2 and 2b)')] : []),
      ]),
    );
    await section('3b. Webhook delivery delay: a client\'s block to a loopback receiver (local stack, as `npm start` runs it)', () => benchWebhookDelay(stack));
    await section('4. HTTP load on the local gateway', () =>
      benchHttpLoad(stack, { connections: setting('BENCH_LOAD_CONNECTIONS', 10), seconds: setting('BENCH_LOAD_SECONDS', 5) }),
    );
  } finally {
    await stack.stop();
  }
  await section('5. Web console: initial JS and calls per screen', benchConsoleBudget);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
