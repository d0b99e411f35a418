/** How the API shows API keys (times in ISO-8601 UTC; never a secret or its hash). */
import type * as z from 'zod/mini';
import { type ApiKey, apiKeyPrefix, apiKeyStatus } from '../../domain/apiKeys/ApiKey';
import type { apiKeyView } from '../docs/apiKeys';

/** Renders a key for its partner's owner and admins. */
export function toApiKeyView(key: ApiKey, now: Date): z.infer<typeof apiKeyView> {
  return {
    id: key.keyId,
    prefix: apiKeyPrefix(key.keyId),
    name: key.name,
    scopes: [...key.scopes],
    status: apiKeyStatus(key, now),
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    expiresAt: key.expiresAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
