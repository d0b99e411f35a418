import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (an esbuild alias in
 * `infra/functionBundling.ts`): Lambda hands every function its role's credentials in environment
 * variables, which is the first place the SDK's default chain looks. The chain's other sources
 * (SSO, ini files, web identity, container metadata, the STS client) are never reached in Lambda,
 * yet they would sit in every bundle. Locally and in tests the real chain is used.
 *
 * Same signature as the chain it replaces: the SDK clients call it with their configuration.
 */
export function defaultProvider(init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> {
  return fromEnv(init);
}
