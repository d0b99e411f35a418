import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RateLimitedError } from '../../domain/errors';
import type { RateLimit, RateLimiter } from '../../ports/RateLimiter';
import { rateLimitKey } from './rateLimitKeys';
import { physicalTableName } from './tables';

/**
 * Fixed-window counters on DynamoDB: one atomic conditional `ADD` per hit, so concurrent Lambda
 * containers share the count. A refused hit is not counted. Counters disappear by TTL.
 */
export class DynamoRateLimiter implements RateLimiter {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('rateLimits')) {}

  public async take(key: string, rule: RateLimit, now: Date): Promise<void> {
    const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
    const windowEnd = windowStart + rule.windowMs;
    try {
      await this.client.send(new UpdateCommand({
        TableName: this.table,
        Key: rateLimitKey(key, new Date(windowStart)),
        // Invariant: at most `limit` hits are counted per key and window.
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
        ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':expiresAt': Math.ceil(windowEnd / 1000) + 60 },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
      throw new RateLimitedError(`Too many requests; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  }
}
