import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type SignIn, signInFor } from '../../domain/clients/decideClientOperation';
import { CLIENT_STATUSES } from '../../domain/clients/Client';
import type { CloudAccountRegistry } from '../../ports/CloudAccountRegistry';
import type { ConsoleAccounts } from '../../ports/ConsoleAccounts';
import { accountLockKey, clientKey } from './clientKeys';
import { accountOwnerKey, cloudAccountKey } from './cloudAccountKeys';
import { physicalTableName } from './tables';
import { optionalStoredText, storedText } from './storedFields';

const ownerItem = z.object({ accountId: storedText });
const accountItem = z.object({ accountId: storedText, ownerId: optionalStoredText });
const lockItem = z.object({ partnerId: storedText, clientId: storedText });
const clientStatusItem = z.object({ status: z.enum(CLIENT_STATUSES) });

/**
 * The registry of cloud accounts on the `cloudAccounts` table, with who owns each (the console user
 * it was registered for). Decision: partnerdesk keeps its own copy of the registered accounts (the
 * cloud's account service feeds it, console sign-up adds to it, the local stack seeds it), so
 * checking an account is one strongly consistent read in our own region. The sign-in gate reads
 * the serving client's status through the account lock on the `clients` table.
 */
export class DynamoCloudAccountRegistry implements CloudAccountRegistry, ConsoleAccounts {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table = physicalTableName('cloudAccounts'),
    private readonly clientsTable = physicalTableName('clients'),
  ) {}

  public async exists(accountId: string): Promise<boolean> {
    return (await this.account(accountId)) !== undefined;
  }

  /** The console user who owns the account, if it has one (an account fed by the account service may not). */
  public async ownerOf(accountId: string): Promise<string | undefined> {
    return (await this.account(accountId))?.ownerId;
  }

  private async account(accountId: string): Promise<z.infer<typeof accountItem> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: cloudAccountKey(accountId), ConsistentRead: true }));
    return result.Item ? accountItem.parse(result.Item) : undefined;
  }

  public async accountOf(userId: string): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: accountOwnerKey(userId), ConsistentRead: true }));
    return result.Item ? ownerItem.parse(result.Item).accountId : undefined;
  }

  public async registerFor(userId: string, accountId: string, at: Date): Promise<string> {
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          // Invariant: a console user owns at most one cloud account (of two concurrent first sign-ins, one registers).
          { Put: { TableName: this.table, Item: { ...accountOwnerKey(userId), accountId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          // Invariant: an account id is registered once.
          {
            Put: {
              TableName: this.table,
              Item: { ...cloudAccountKey(accountId), accountId, ownerId: userId, registeredAt: at.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }));
      return accountId;
    } catch (error) {
      const owned = error instanceof TransactionCanceledException ? await this.accountOf(userId) : undefined;
      if (owned) return owned;
      throw error;
    }
  }

  public async signIn(accountId: string): Promise<SignIn> {
    const lock = await this.client.send(new GetCommand({ TableName: this.clientsTable, Key: accountLockKey(accountId), ConsistentRead: true }));
    if (!lock.Item) return 'allowed';
    const { partnerId, clientId } = lockItem.parse(lock.Item);
    const holder = await this.client.send(new GetCommand({
      TableName: this.clientsTable, Key: clientKey(partnerId, clientId), ConsistentRead: true, ProjectionExpression: '#status',
      ExpressionAttributeNames: { '#status': 'status' },
    }));
    return holder.Item ? signInFor(clientStatusItem.parse(holder.Item).status) : 'allowed';
  }

  /** Registers an account (what the account service's feed does; the local seed and tests), optionally owned by a console user. Idempotent. */
  public async register(accountId: string, registeredAt: Date, ownerId?: string): Promise<void> {
    await this.client.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.table, Item: { ...cloudAccountKey(accountId), accountId, registeredAt: registeredAt.toISOString(), ...(ownerId && { ownerId }) } } },
        ...(ownerId ? [{ Put: { TableName: this.table, Item: { ...accountOwnerKey(ownerId), accountId } } }] : []),
      ],
    }));
  }
}
