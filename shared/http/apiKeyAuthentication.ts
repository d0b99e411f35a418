import { apiKeyLookup, clock, rateLimiter } from '../adapters/compositionRoot';
import { type ApiKey, DEFAULT_API_KEY_REQUESTS_PER_MINUTE } from '../domain/apiKeys/ApiKey';
import { verifyApiKey } from '../domain/apiKeys/manageApiKeys';
import { ContainerCache } from './containerCache';
import { HttpError } from './HttpError';
import { apiKeyActorId, type Principal } from './Principal';
import { scopeOfRoute } from './routeScopes';

/**
 * Longest time a container trusts a key it read: a revoked key is refused everywhere within this
 * (the bound is one minute). `API_KEY_CACHE_SECONDS` may shorten it, never lengthen it.
 */
export const MAX_API_KEY_CACHE_SECONDS = 60;

/** A key's last use is written at most this often (ms): once a minute per key across containers. */
const LAST_USE_EVERY_MS = 60_000;

/** Most keys a container remembers (oldest forgotten first); unknown ids are never remembered. */
const MAX_CACHED_KEYS = 1000;

const keys = /* @__PURE__ */ new ContainerCache<ApiKey>({ ttlMs: () => cacheMs(), maxEntries: MAX_CACHED_KEYS, remembersAbsent: false });

function cacheMs(env = process.env): number {
  const configured = Number(env.API_KEY_CACHE_SECONDS ?? MAX_API_KEY_CACHE_SECONDS);
  return Math.min(Number.isFinite(configured) && configured >= 0 ? configured : MAX_API_KEY_CACHE_SECONDS, MAX_API_KEY_CACHE_SECONDS) * 1000;
}

/** The key, read at most once per cache time per container. */
function cachedKey(keyId: string, now: number): Promise<ApiKey | undefined> {
  return keys.read(keyId, now, () => apiKeyLookup().get(keyId));
}

/** Drops this container's copy of a key, after a revocation here (refused at once in this container). */
export function forgetApiKey(keyId: string): void {
  keys.forget(keyId);
}

/** Records the use unless this container or the stored key saw one within the last minute: at most one write a minute per key. */
async function recordUse(key: ApiKey, now: Date): Promise<void> {
  const last = key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - last < LAST_USE_EVERY_MS) return;
  keys.update(key.keyId, (cached) => ({ ...cached, lastUsedAt: now }));
  await apiKeyLookup().recordUse(key.keyId, now, new Date(now.getTime() - LAST_USE_EVERY_MS));
}

const REFUSALS = {
  invalid: ['api_key_invalid', 'The API key is not valid'],
  expired: ['api_key_expired', 'The API key has expired: create a new one'],
  revoked: ['api_key_revoked', 'The API key has been revoked'],
} as const;

/**
 * The principal of a request that presents an API key (`Authorization: Bearer pdk_…`) on a partner
 * route. The route must take keys (else 403 `api_key_not_accepted`, before the key is even read);
 * the key must exist with this secret (401 `api_key_invalid`), be neither expired nor revoked (401
 * `api_key_expired` / `api_key_revoked`), stay within its own rate limit (429), and hold the scope
 * the route table gives the route (403 `api_key_scope_missing`). The principal acts for the key's
 * partner, as `apiKey:<key id>`.
 */
export async function apiKeyPrincipal(presented: string, routeKey: string): Promise<Extract<Principal, { kind: 'partner' }>> {
  const scope = scopeOfRoute(routeKey);
  if (!scope) throw new HttpError('api_key_not_accepted', 'This operation is for people of the team only, not for API keys');
  const now = clock.now();
  const verdict = await verifyApiKey(presented, (keyId) => cachedKey(keyId, now.getTime()), now);
  if (verdict.outcome !== 'active') {
    const [code, message] = REFUSALS[verdict.outcome];
    throw new HttpError(code, message);
  }
  const { key } = verdict;
  const limit = Number(process.env.API_KEY_REQUESTS_PER_MINUTE ?? DEFAULT_API_KEY_REQUESTS_PER_MINUTE);
  await rateLimiter().take(apiKeyActorId(key.keyId), { limit, windowMs: 60_000 }, now);
  if (!key.scopes.includes(scope)) throw new HttpError('api_key_scope_missing', `The API key lacks the scope ${scope}`, { scope });
  await recordUse(key, now);
  const actor = apiKeyActorId(key.keyId);
  return { kind: 'partner', userId: actor, partnerId: key.partnerId, email: '', memberId: actor, apiKey: { keyId: key.keyId, scopes: key.scopes } };
}
