import { createHash } from 'node:crypto';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientTimeoutConfig, REQUEST_CALL_TIMEOUTS } from './callTimeouts';

/** One HMAC key of the page cursors, with the id a cursor names it by. */
export interface CursorKey {
  /** Derived from the key (a hash prefix), so it says which key signed a cursor without revealing it. */
  readonly id: string;
  readonly secret: string;
}

/** The key new cursors are signed with, and the one before it, still accepted during a rotation. */
export interface CursorKeyRing {
  readonly current: CursorKey;
  readonly previous?: CursorKey;
}

/** How long a container keeps the keys before reading the secret again: a rotation reaches every container within this. */
export const CURSOR_KEYS_MAX_AGE_MS = 5 * 60_000;

/** A key with its derived id. */
export function cursorKey(secret: string): CursorKey {
  return { id: createHash('sha256').update(secret).digest('base64url').slice(0, 8), secret };
}

let cached: { ring: CursorKeyRing; readAt: number } | undefined;
let secrets: SecretsManagerClient | undefined;

/** One version of the secret by its staging label; undefined when there is none (no rotation yet has made an AWSPREVIOUS). */
async function secretVersion(env: NodeJS.ProcessEnv, secretId: string, stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> {
  // `SECRETS_MANAGER_ENDPOINT` exists for tests only (a stand-in speaking the service's protocol); unset in AWS.
  secrets ??= new SecretsManagerClient({ ...clientTimeoutConfig(REQUEST_CALL_TIMEOUTS), ...(env.SECRETS_MANAGER_ENDPOINT && { endpoint: env.SECRETS_MANAGER_ENDPOINT }) });
  try {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    return SecretString || undefined;
  } catch (error) {
    if (error instanceof ResourceNotFoundException && stage === 'AWSPREVIOUS') return undefined;
    throw error;
  }
}

/** Reads the key ring: the stack's secret (`CURSOR_KEY_SECRET_ARN`) in AWS, `CURSOR_SIGNING_KEY` (and `…_PREVIOUS`) locally. */
async function readRing(env: NodeJS.ProcessEnv): Promise<CursorKeyRing> {
  const secretId = env.CURSOR_KEY_SECRET_ARN;
  const [current, previous] = secretId
    ? await Promise.all([secretVersion(env, secretId, 'AWSCURRENT'), secretVersion(env, secretId, 'AWSPREVIOUS')])
    : [env.CURSOR_SIGNING_KEY, env.CURSOR_SIGNING_KEY_PREVIOUS];
  if (!current) throw new Error('Neither CURSOR_KEY_SECRET_ARN nor CURSOR_SIGNING_KEY is set: page cursors cannot be signed or checked');
  return { current: cursorKey(current), ...(previous && previous !== current && { previous: cursorKey(previous) }) };
}

/**
 * The cursor keys of this container, read at run time (never resolved into the function's
 * configuration, where `lambda:GetFunctionConfiguration` would show it) and kept for
 * {@link CURSOR_KEYS_MAX_AGE_MS}. When a refresh fails, the keys read before keep serving until the
 * next attempt; a container that never read them fails the request (a 503, transient).
 */
export async function cursorKeys(env = process.env, now = Date.now()): Promise<CursorKeyRing> {
  if (cached && now - cached.readAt < CURSOR_KEYS_MAX_AGE_MS) return cached.ring;
  try {
    cached = { ring: await readRing(env), readAt: now };
  } catch (error) {
    if (!cached) throw error;
  }
  return cached.ring;
}

/** Forgets the keys read so far (tests, and a local restart that draws a new key). */
export function forgetCursorKeys(): void {
  cached = undefined;
  secrets?.destroy();
  secrets = undefined;
}
