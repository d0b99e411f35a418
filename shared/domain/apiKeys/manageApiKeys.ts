import type { Clock } from '../Clock';
import { NotFoundError, RuleViolationError, ValidationError } from '../errors';
import type { IdGenerator } from '../IdGenerator';
import type { ApiKeyStore } from '../../ports/ApiKeyStore';
import {
  type ApiKey, type ApiKeyScope, apiKeyStatus, issueApiKeySecret, MAX_API_KEY_LIFETIME_DAYS, MAX_LIVE_API_KEYS, parseApiKey, secretMatches,
} from './ApiKey';

/** What managing API keys needs. */
export interface ApiKeyDeps {
  readonly keys: ApiKeyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** What the owner or an admin asks for: a name, scopes and an expiry. */
export interface NewApiKey {
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly expiresAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * Creates a key for the partner. Input: the partner, the member creating it, name / scopes / expiry.
 * Output: the stored key and its whole value, which is never available again.
 * 1. The expiry lies in the future and at most `MAX_API_KEY_LIFETIME_DAYS` ahead (else `validation_failed`).
 * 2. The partner holds fewer than `MAX_LIVE_API_KEYS` live keys (else `api_keys_full`; checked on a read,
 *    so two concurrent creations may pass it together: the bound is soft by one or two keys).
 * 3. A new id and 256-bit secret are drawn; only the secret's hash is stored.
 */
export async function createApiKey(deps: ApiKeyDeps, partnerId: string, createdBy: string, request: NewApiKey): Promise<{ key: ApiKey; value: string }> {
  const now = deps.clock.now();
  const latest = now.getTime() + MAX_API_KEY_LIFETIME_DAYS * DAY_MS;
  if (request.expiresAt.getTime() <= now.getTime() || request.expiresAt.getTime() > latest) {
    throw new ValidationError(`A key expires in the future and within ${MAX_API_KEY_LIFETIME_DAYS} days`, [
      { path: 'body.expiresAt', message: `Between now and ${new Date(latest).toISOString()}` },
    ]);
  }
  const live = (await deps.keys.list(partnerId)).filter((key) => apiKeyStatus(key, now) === 'active');
  if (live.length >= MAX_LIVE_API_KEYS) {
    throw new RuleViolationError('api_keys_full', `A partner holds at most ${MAX_LIVE_API_KEYS} live keys: revoke one first`, { max: MAX_LIVE_API_KEYS });
  }
  const keyId = deps.ids.next('key');
  const { value, secretHash } = issueApiKeySecret(keyId);
  const key: ApiKey = {
    keyId, partnerId, name: request.name, scopes: [...new Set(request.scopes)], secretHash, createdAt: now, createdBy, expiresAt: request.expiresAt,
  };
  await deps.keys.create(key);
  return { key, value };
}

/** The partner's keys, newest first. */
export async function listApiKeys(deps: Pick<ApiKeyDeps, 'keys'>, partnerId: string): Promise<ApiKey[]> {
  return deps.keys.list(partnerId);
}

/** Revokes one of the partner's keys (again: no change); another partner's key or an unknown one is `not_found`. */
export async function revokeApiKey(deps: Pick<ApiKeyDeps, 'keys' | 'clock'>, partnerId: string, keyId: string): Promise<ApiKey> {
  const revoked = await deps.keys.revoke(partnerId, keyId, deps.clock.now());
  if (!revoked) throw new NotFoundError('API key', { keyId });
  return revoked;
}

/** What a presented key is worth: the key when it works, else why it does not. */
export type ApiKeyVerdict = { readonly outcome: 'active'; readonly key: ApiKey } | { readonly outcome: 'invalid' | 'expired' | 'revoked' };

/**
 * Checks a presented key against the stored one (`lookUp` may serve it from a short cache): a value
 * of the wrong shape, an unknown id or a wrong secret is `invalid` (never say which); a right one
 * answers its status.
 */
export async function verifyApiKey(presented: string, lookUp: (keyId: string) => Promise<ApiKey | undefined>, now: Date): Promise<ApiKeyVerdict> {
  const parsed = parseApiKey(presented);
  const key = parsed && (await lookUp(parsed.keyId));
  if (!parsed || !key || !secretMatches(key, parsed.secret)) return { outcome: 'invalid' };
  const status = apiKeyStatus(key, now);
  return status === 'active' ? { outcome: 'active', key } : { outcome: status };
}
