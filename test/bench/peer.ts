/**
 * The peer of the cold-start table: the `get-product` function of aws-samples/serverless-typescript-demo,
 * rebuilt in `peers/` with that project's locked libraries, installed there (never in partnerdesk's
 * own dependencies) and bundled as its CDK stack ships it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

const PEER_DIR = path.join(__dirname, 'peers', 'serverless-typescript-demo-get-product');

/** Row label of the peer. */
export const PEER_NAME = 'peer: serverless-typescript-demo get-product';

/**
 * What CDK's `NodejsFunction` runs for the peer's stack (`minify: true`, runtime Node 16): CommonJS
 * (esbuild's default for node), target node16, only the v2 SDK left out, so the v3 SDK is bundled.
 * esbuild reads the folder's tsconfig (legacy decorators, as the peer compiles them).
 */
export const PEER_BUNDLING: BuildOptions = {
  bundle: true,
  entryPoints: [path.join(PEER_DIR, 'src', 'getProduct.ts')],
  absWorkingDir: PEER_DIR,
  platform: 'node',
  target: 'node16',
  minify: true,
  external: ['aws-sdk'],
};

/**
 * What the peer's stack and Lambda put into its environment before the module loads (the tracer
 * and the X-Ray SDK read it at load: tracing on, Lambda mode).
 */
export const PEER_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'Products',
  AWS_ACCOUNT_ID: '123456789012',
  POWERTOOLS_SERVICE_NAME: 'serverless-typescript-demo',
  POWERTOOLS_LOGGER_LOG_LEVEL: 'WARN',
  POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
  POWERTOOLS_LOGGER_LOG_EVENT: 'true',
  POWERTOOLS_METRICS_NAMESPACE: 'AwsSamples',
  AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
};

/** Installs the peer's locked libraries into its own folder when they are not there yet. */
export function installPeer(): void {
  if (existsSync(path.join(PEER_DIR, 'node_modules'))) return;
  const npm = spawnSync('npm', ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund', '--ignore-scripts'], { encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`Installing the peer's libraries failed:\n${npm.stderr}`);
}
