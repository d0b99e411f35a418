import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { API_KEY_SCOPES, type ApiKey } from '../../domain/apiKeys/ApiKey';
import type { ApiKeyStore } from '../../ports/ApiKeyStore';
import { apiKeyKey, keysOfPartner } from './apiKeyKeys';
import { conditionalUpdate } from './conditionalUpdate';
import { isoDate, optionalIsoDate } from './storedDate';
import { storedText } from './storedFields';
import { physicalTableName } from './tables';

/** Most keys one listing reads: far above `MAX_LIVE_API_KEYS`, revoked and expired ones included. */
const MAX_LISTED_KEYS = 200;

const keyItem = z.object({
  keyId: storedText,
  keysOf: storedText,
  name: storedText,
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  secretHash: storedText,
  createdAt: isoDate,
  createdBy: storedText,
  expiresAt: isoDate,
  revokedAt: optionalIsoDate,
  lastUsedAt: optionalIsoDate,
});

function toKey(item: Record<string, unknown>): ApiKey {
  const { keysOf, revokedAt, lastUsedAt, ...rest } = keyItem.parse(item);
  return { ...rest, partnerId: keysOf, ...(revokedAt && { revokedAt }), ...(lastUsedAt && { lastUsedAt }) };
}

/** What the key check of every partner route does with keys (read one, record its use), without the management's code in its bundle. */
export class DynamoApiKeyLookup implements Pick<ApiKeyStore, 'get' | 'recordUse'> {
  public constructor(protected readonly client: DynamoDBDocumentClient, protected readonly table = physicalTableName('apiKeys')) {}

  public async get(keyId: string): Promise<ApiKey | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: apiKeyKey(keyId), ConsistentRead: true }));
    return result.Item ? toKey(result.Item) : undefined;
  }

  public async recordUse(keyId: string, at: Date, notBefore: Date): Promise<void> {
    await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: apiKeyKey(keyId),
      // Invariant: at most one write per key and minute (`notBefore`), and a use never creates a key item.
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :notBefore)',
      UpdateExpression: 'SET lastUsedAt = :at',
      ExpressionAttributeValues: { ':at': at.toISOString(), ':notBefore': notBefore.toISOString() },
    });
  }
}

/** API keys on the `apiKeys` table: one item per key, listed per partner through the `byPartner` index. */
export class DynamoApiKeyStore extends DynamoApiKeyLookup implements ApiKeyStore {
  public async create(key: ApiKey): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: {
        ...apiKeyKey(key.keyId),
        keyId: key.keyId,
        keysOf: keysOfPartner(key.partnerId),
        name: key.name,
        scopes: [...key.scopes],
        secretHash: key.secretHash,
        createdAt: key.createdAt.toISOString(),
        createdBy: key.createdBy,
        expiresAt: key.expiresAt.toISOString(),
      },
      // Invariant: a key id names one key for ever (an existing key is never overwritten, its revocation never undone).
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  public async list(partnerId: string): Promise<ApiKey[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'byPartner',
      KeyConditionExpression: 'keysOf = :partner',
      ExpressionAttributeValues: { ':partner': keysOfPartner(partnerId) },
      ScanIndexForward: false,
      Limit: MAX_LISTED_KEYS,
    }));
    return (result.Items ?? []).map(toKey);
  }

  public async revoke(partnerId: string, keyId: string, at: Date): Promise<ApiKey | undefined> {
    const updated = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: apiKeyKey(keyId),
      // Invariant: a partner revokes only its own keys (another's answers as unknown), and a revocation keeps its first time.
      ConditionExpression: 'keysOf = :partner',
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ExpressionAttributeValues: { ':partner': keysOfPartner(partnerId), ':at': at.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    return updated ? toKey(updated) : undefined;
  }
}
