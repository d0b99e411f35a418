import type { ApiKey } from '../../../shared/domain/apiKeys/ApiKey';
import type { ApiKeyStore } from '../../../shared/ports/ApiKeyStore';

/** `ApiKeyStore` in memory, mirroring `DynamoApiKeyStore`: ids never reused, a revocation keeps its first time, a use is recorded at most once per `notBefore`. */
export class InMemoryApiKeyStore implements ApiKeyStore {
  private readonly keys = new Map<string, ApiKey>();
  /** How many last-use writes were made (for the once-a-minute rule). */
  public useWrites = 0;

  public async create(key: ApiKey): Promise<void> {
    if (this.keys.has(key.keyId)) throw new Error(`key ${key.keyId} exists`);
    this.keys.set(key.keyId, structuredClone(key));
  }

  public async get(keyId: string): Promise<ApiKey | undefined> {
    const key = this.keys.get(keyId);
    return key && structuredClone(key);
  }

  public async list(partnerId: string): Promise<ApiKey[]> {
    return [...this.keys.values()].filter((key) => key.partnerId === partnerId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((key) => structuredClone(key));
  }

  public async revoke(partnerId: string, keyId: string, at: Date): Promise<ApiKey | undefined> {
    const key = this.keys.get(keyId);
    if (!key || key.partnerId !== partnerId) return undefined;
    const revoked = { ...key, revokedAt: key.revokedAt ?? at };
    this.keys.set(keyId, revoked);
    return structuredClone(revoked);
  }

  public async recordUse(keyId: string, at: Date, notBefore: Date): Promise<void> {
    const key = this.keys.get(keyId);
    if (!key || (key.lastUsedAt && key.lastUsedAt.getTime() >= notBefore.getTime())) return;
    this.useWrites += 1;
    this.keys.set(keyId, { ...key, lastUsedAt: at });
  }
}
