import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { AccountDirectory } from '../../ports/AccountDirectory';
import { physicalTableName } from './tables';

/** A login as the local directory stores it. */
export const localLogin = z.object({
  email: z.string(),
  role: z.enum(['partner', 'manager']),
  partnerId: z.optional(z.string()),
  name: z.string(),
  enabled: z.boolean(),
});

/** A login of the local directory. */
export type LocalLogin = z.infer<typeof localLogin>;

/** Key of a login in the local directory table. */
export function loginKey(email: string): { pk: string } {
  return { pk: `LOGIN#${email.trim().toLowerCase()}` };
}

/** Key of the console login state of a client's cloud account in the local directory table. */
export function clientLoginKey(accountId: string): { pk: string } {
  return { pk: `ACCOUNT#${accountId}` };
}

const clientLogin = z.object({ accountId: z.string(), enabled: z.boolean() });

/**
 * The account directory of the local stack: a real DynamoDB table standing in for Cognito, which
 * the local login endpoint (`POST /__local/login`) consults. Never used in AWS.
 */
export class LocalAccountDirectory implements AccountDirectory {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('localDirectory')) {}

  public async createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void> {
    const item: LocalLogin = { email: login.email.toLowerCase(), role: 'partner', partnerId: login.partnerId, name: login.name, enabled: true };
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...loginKey(login.email), ...item } }));
  }

  /** Creates a manager login (seed only). */
  public async createManagerLogin(email: string, name: string): Promise<void> {
    const item: LocalLogin = { email: email.toLowerCase(), role: 'manager', name, enabled: true };
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...loginKey(email), ...item } }));
  }

  /** The login for an e-mail, or `undefined`. */
  public async findLogin(email: string): Promise<LocalLogin | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: loginKey(email), ConsistentRead: true }));
    return result.Item ? localLogin.parse(result.Item) : undefined;
  }

  public async setClientLoginEnabled(accountId: string, enabled: boolean): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...clientLoginKey(accountId), accountId, enabled } }));
  }

  /** Whether the console login of a cloud account may sign in: yes unless it was disabled. */
  public async isClientLoginEnabled(accountId: string): Promise<boolean> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: clientLoginKey(accountId), ConsistentRead: true }));
    return result.Item ? clientLogin.parse(result.Item).enabled : true;
  }
}
