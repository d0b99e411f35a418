import type { ApiKey } from '../domain/apiKeys/ApiKey';

/** Where partners' API keys live. */
export interface ApiKeyStore {
  /** Stores a new key (its id is new: a clash is a bug and throws). */
  create(key: ApiKey): Promise<void>;
  /** The key with this id, whoever's it is, or `undefined`; read strongly (a revocation shows at once). */
  get(keyId: string): Promise<ApiKey | undefined>;
  /** The partner's keys, newest first (revoked and expired ones included). */
  list(partnerId: string): Promise<ApiKey[]>;
  /** Marks the partner's key revoked at `at` (a key already revoked keeps its first time); `undefined` when the partner has no such key. */
  revoke(partnerId: string, keyId: string, at: Date): Promise<ApiKey | undefined>;
  /** Records a use at `at` unless one at or after `notBefore` is recorded already (at most one write a minute per key). */
  recordUse(keyId: string, at: Date, notBefore: Date): Promise<void>;
}
