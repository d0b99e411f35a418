import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { builtConsoleFixture } from './stackSettings';

/**
 * `cdk synth` of the real entry (`infra/app.ts`, what cdk.json runs) for dev, prod and prod with a
 * custom domain: the CLI runs the app with its context in CDK_CONTEXT_JSON and the output folder in
 * CDK_OUTDIR, which is what happens here, with bundling skipped (`aws:cdk:bundling-stacks`, the
 * stacks' templates do not depend on the bundles). cdk-nag runs as the app's validation plugin, so
 * an unacknowledged finding fails these runs as it fails `cdk synth`.
 */
const run = promisify(execFile);
/** One synth of the whole app with cdk-nag takes ≈ 40 s on 2 cores; a busy machine takes longer. */
const SYNTH_TIMEOUT_MS = 300_000;
const ROOT = path.resolve(__dirname, '..', '..');
const cdkContext = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

let consoleAssetDir: string;
let outRoot: string;
beforeAll(() => {
  consoleAssetDir = builtConsoleFixture();
  outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-app-'));
});
afterAll(() => {
  fs.rmSync(consoleAssetDir, { recursive: true, force: true });
  fs.rmSync(outRoot, { recursive: true, force: true });
});

/** Runs the CDK app with these context values; resolves to its cloud assembly's manifest. */
async function synth(name: string, context: Readonly<Record<string, string>>): Promise<{ artifacts: Record<string, { type: string; dependencies?: string[]; environment?: string }> }> {
  const outdir = path.join(outRoot, name);
  await run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'infra', 'app.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_DEFAULT_REGION: 'eu-central-1',
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext, 'aws:cdk:bundling-stacks': [], consoleAssetDir, ...context }),
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
}

const stages = {
  dev: { stage: 'dev', senderEmail: 'partners-dev@mail.partnerdesk.test' },
  prod: { stage: 'prod', senderEmail: 'partners@mail.partnerdesk.test', alarmEmail: 'operations@partnerdesk.test' },
  'prod with a custom domain': {
    stage: 'prod',
    senderEmail: 'partners@mail.partnerdesk.test',
    consoleOrigin: 'https://partners.partnerdesk.test',
    consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    consoleDistributionId: 'E2EXAMPLE0ABCD',
  },
} as const;

describe('cdk synth of infra/app.ts', () => {
  it.each(Object.entries(stages))('synthesizes %s cleanly (cdk-nag included): the mail stack first, then the main stack', async (_case, context) => {
    const manifest = await synth(_case.replace(/\W+/g, '-'), context);
    const main = `Partnerdesk-${context.stage}`;
    const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack').map(([id]) => id);
    // With the distribution's id (after the first deploy) the console's alarm stack in us-east-1 joins them.
    expect(stacks.sort()).toEqual([main, `${main}-mail`, ...('consoleDistributionId' in context ? [`${main}-edge`] : [])].sort());
    expect(manifest.artifacts[main]?.dependencies).toContain(`${main}-mail`);
  }, SYNTH_TIMEOUT_MS);

  it('stops with what to pass when a stage has no senderEmail', async () => {
    await expect(synth('no-sender', { stage: 'prod' })).rejects.toMatchObject({
      stderr: expect.stringContaining('senderEmail is required for stage "prod"'),
    });
  });
});
