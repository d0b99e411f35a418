import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CONFIRMABLE_OPERATIONS } from '../../domain/clients/operationConfirmation';
import type { OperationConfirmation, OperationConfirmations } from '../../ports/OperationConfirmations';
import { conditionalUpdate } from './conditionalUpdate';
import { confirmationKey, confirmationTimeToLive } from './confirmationKeys';
import { isoDate, optionalIsoDate } from './storedDate';
import { physicalTableName } from './tables';
import { storedText } from './storedFields';

/** The stored shape of a confirmation. */
const confirmationItem = z.object({
  tokenHash: storedText,
  partnerId: storedText,
  operation: z.enum(CONFIRMABLE_OPERATIONS),
  clientSetDigest: storedText,
  issuedBy: storedText,
  expiresAt: isoDate,
  usedAt: optionalIsoDate,
});

/** Confirmation tokens of client operations on DynamoDB (`operationConfirmations`); single use by a conditional write. */
export class DynamoOperationConfirmations implements OperationConfirmations {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('operationConfirmations')) {}

  public async issue(confirmation: Omit<OperationConfirmation, 'usedAt'>): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: {
        ...confirmationKey(confirmation.tokenHash),
        tokenHash: confirmation.tokenHash,
        partnerId: confirmation.partnerId,
        operation: confirmation.operation,
        clientSetDigest: confirmation.clientSetDigest,
        issuedBy: confirmation.issuedBy,
        expiresAt: confirmation.expiresAt.toISOString(),
        expiresAtEpoch: confirmationTimeToLive(confirmation.expiresAt),
      },
      // Invariant: a token hash names one confirmation, never overwritten (a reused one would reopen a spent token).
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  public async find(tokenHash: string): Promise<OperationConfirmation | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: confirmationKey(tokenHash), ConsistentRead: true }));
    return result.Item ? confirmationItem.parse(result.Item) : undefined;
  }

  public async consume(tokenHash: string, now: Date): Promise<boolean> {
    const consumed = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: confirmationKey(tokenHash),
      // Invariant: a confirmation is spent once, and only before it expires (of concurrent uses, one wins).
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
      UpdateExpression: 'SET usedAt = :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    });
    return consumed !== undefined;
  }
}
