import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CloudAccountRegistry } from '../../ports/CloudAccountRegistry';
import { cloudAccountKey } from './cloudAccountKeys';
import { physicalTableName } from './tables';

/**
 * The registry of cloud accounts on the `cloudAccounts` table. Decision: partnerdesk keeps its own
 * copy of the registered account ids (the cloud's account service feeds it; the local stack seeds
 * it), so checking an account is one strongly consistent read in our own region, with no call to
 * another service on the request path.
 */
export class DynamoCloudAccountRegistry implements CloudAccountRegistry {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('cloudAccounts')) {}

  public async exists(accountId: string): Promise<boolean> {
    const result = await this.client.send(new GetCommand({
      TableName: this.table, Key: cloudAccountKey(accountId), ConsistentRead: true, ProjectionExpression: 'pk',
    }));
    return result.Item !== undefined;
  }

  /** Registers an account (what the account service's feed does; used by the local seed and tests). Idempotent. */
  public async register(accountId: string, registeredAt: Date): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: { ...cloudAccountKey(accountId), accountId, registeredAt: registeredAt.toISOString() },
    }));
  }
}
