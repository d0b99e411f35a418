import { type BundlingOptions, Charset, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Lets CommonJS dependencies call `require` inside the ESM bundle. */
const REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The SDK's default credential chain is replaced by environment credentials, which is where
 * Lambda puts them (`shared/adapters/aws/lambdaCredentials.ts`). Resolved from the project root,
 * where the bundler runs (CDK bundles locally with the project's esbuild).
 */
const CREDENTIALS_ALIAS = { '@aws-sdk/credential-provider-node': './shared/adapters/aws/lambdaCredentials.ts' } as const;

/**
 * How every function is bundled (PERFORMANCE.md): ESM, module-first main fields (the SDK's ESM
 * builds tree-shake), minified, AWS SDK bundled rather than taken from the runtime, Node 22,
 * UTF-8 output (the mails' Russian words cost 2 bytes a letter instead of a 6-byte `\\uXXXX` escape).
 * The source map is shipped without sources to decode stack traces offline; it is not loaded at
 * run time (`--enable-source-maps` measured at +0.8× bare cold start in `npm run bench`).
 * Used by the CDK stack and by the benchmark, so the benchmark measures what is deployed.
 */
export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  charset: Charset.UTF8,
  externalModules: [],
  banner: REQUIRE_BANNER,
  esbuildArgs: { '--alias': Object.entries(CREDENTIALS_ALIAS).map(([from, to]) => `${from}=${to}`) },
} as const satisfies BundlingOptions;

/** The same options in esbuild's own terms (for the benchmark). */
export const FUNCTION_ESBUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  mainFields: [...FUNCTION_BUNDLING.mainFields],
  minify: FUNCTION_BUNDLING.minify,
  sourcemap: FUNCTION_BUNDLING.sourceMap,
  sourcesContent: FUNCTION_BUNDLING.sourcesContent,
  target: FUNCTION_BUNDLING.target,
  charset: 'utf8',
  external: [...FUNCTION_BUNDLING.externalModules],
  banner: { js: FUNCTION_BUNDLING.banner },
  alias: { ...CREDENTIALS_ALIAS },
};
