import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A partner's API key (issue 33): a credential its own systems use instead of a person's token,
 * limited to scopes, with an expiry, revoked at once. The secret is shown once and stored only as a hash.
 */

/** What a key may do; each partner route says which scope it needs (the route table's `scope`). */
export const API_KEY_SCOPES = ['clients:read', 'clients:write', 'finance:read', 'budgets:write'] as const;

/** One scope of a key. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every key starts with this, so that a bearer credential is told from a JWT by its first characters. */
export const API_KEY_PREFIX = 'pdk_';

/** Longest life of a key: two years (Microsoft Partner Center's app credentials live one or two). */
export const MAX_API_KEY_LIFETIME_DAYS = 730;

/** Most keys a partner may hold that are neither revoked nor expired. */
export const MAX_LIVE_API_KEYS = 20;

/** Requests one key may make per minute, unless `API_KEY_REQUESTS_PER_MINUTE` says otherwise (its partner's own limit applies too). */
export const DEFAULT_API_KEY_REQUESTS_PER_MINUTE = 60;

/** A key as stored: never its secret, only the secret's hash. */
export interface ApiKey {
  /** `key_…`; the key's public prefix is `pdk_<keyId>`. */
  readonly keyId: string;
  readonly partnerId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  /** SHA-256 of the secret part, hex. */
  readonly secretHash: string;
  readonly createdAt: Date;
  /** The member who created it. */
  readonly createdBy: string;
  readonly expiresAt: Date;
  readonly revokedAt?: Date;
  /** The last request it authenticated, recorded at most once a minute. */
  readonly lastUsedAt?: Date;
}

/** Whether a key still works, or why not. */
export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** The key's status at `now`: revocation wins over expiry. */
export function apiKeyStatus(key: ApiKey, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** The key's public prefix, shown in lists and logs: `pdk_<keyId>`. */
export function apiKeyPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId}`;
}

/** Key ids: `key_` and letters or digits (the id generator's 32 hex digits in production), never another `_`. */
const KEY_ID = /^key_[A-Za-z0-9]{1,64}$/;

/** The secret part: 32 random bytes in unpadded base64url. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** A presented key split into its id and secret, or `undefined` when it has not the shape of one. */
export function parseApiKey(presented: string): { readonly keyId: string; readonly secret: string } | undefined {
  if (!presented.startsWith(API_KEY_PREFIX)) return undefined;
  const rest = presented.slice(API_KEY_PREFIX.length);
  const end = rest.indexOf('_', 'key_'.length);
  if (end < 0) return undefined;
  const keyId = rest.slice(0, end);
  const secret = rest.slice(end + 1);
  return KEY_ID.test(keyId) && SECRET.test(secret) ? { keyId, secret } : undefined;
}

/**
 * The stored form of a key's secret: SHA-256, hex. A fast hash is enough because the secret is 256
 * random bits (no dictionary to try), and the check runs on every request (a slow hash would cost
 * each call tens of milliseconds); it only keeps a reader of the table from using the keys.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` is the one whose hash is stored, compared in constant time. */
export function secretMatches(key: ApiKey, secret: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(key.secretHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A new key's whole value (`pdk_<keyId>_<secret>`, shown once) and the hash to store. */
export function issueApiKeySecret(keyId: string): { readonly value: string; readonly secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { value: `${apiKeyPrefix(keyId)}_${secret}`, secretHash: hashApiKeySecret(secret) };
}
