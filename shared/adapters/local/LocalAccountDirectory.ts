import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { normalizedEmail } from '../../domain/accounts/emailAddress';
import { staffLoginExists } from '../../domain/applications/staffLogin';
import type { AccountDirectory, StaffLogin } from '../../ports/AccountDirectory';
import { physicalTableName } from '../dynamodb/tables';

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

/** Key of a console user (the owner of a cloud account) in the local stand-in of the console users' pool. */
export function consoleUserKey(email: string): { pk: string } {
  return { pk: `CONSOLEUSER#${normalizedEmail(email)}` };
}

const consoleUser = z.object({ userId: z.string(), email: z.string() });

/**
 * The account directory of the local stack: a real DynamoDB table standing in for both Cognito
 * pools (staff logins, and console users), which the local sign-in endpoints (`POST /__local/login`,
 * `/__local/signup`) consult. Never used in AWS.
 */
export class LocalAccountDirectory implements AccountDirectory {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('localDirectory')) {}

  /** As Cognito's: creates the login once, never rewrites an existing one (a retry finds its own login; any other is refused). */
  public async createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void> {
    const item: LocalLogin = { email: login.email.toLowerCase(), role: 'partner', partnerId: login.partnerId, name: login.name, enabled: true };
    try {
      // Invariant: one staff login per e-mail, created once; its role and partner never change afterwards.
      await this.client.send(new PutCommand({
        TableName: this.table, Item: { ...loginKey(login.email), ...item }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.findLogin(login.email);
      if (existing?.role !== 'partner' || existing.partnerId !== login.partnerId) throw staffLoginExists(login.email);
    }
  }

  public async findStaffLogin(email: string): Promise<StaffLogin | undefined> {
    const login = await this.findLogin(email);
    return login && { role: login.role, partnerId: login.partnerId };
  }

  public async removePartnerLogin(email: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: loginKey(email) }));
  }

  public async closePartnerLogin(login: { email: string; partnerId: string }): Promise<void> {
    const existing = await this.findLogin(login.email);
    if (!existing || existing.partnerId !== login.partnerId) return;
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...loginKey(login.email), ...existing, enabled: false } }));
  }

  /** As Cognito's: only the ended partner's own login (or one already moved) is moved to the re-admitted partner and enabled. */
  public async reopenPartnerLogin(login: { email: string; partnerId: string; endedPartnerId: string }): Promise<void> {
    const existing = await this.findLogin(login.email);
    if (existing?.role !== 'partner' || (existing.partnerId !== login.endedPartnerId && existing.partnerId !== login.partnerId)) {
      throw staffLoginExists(login.email);
    }
    // Invariant: only the login read above is moved (a login changed meanwhile is not overwritten).
    await this.client.send(new PutCommand({
      TableName: this.table, Item: { ...loginKey(login.email), ...existing, partnerId: login.partnerId, enabled: true },
      ConditionExpression: 'partnerId = :seen', ExpressionAttributeValues: { ':seen': existing.partnerId },
    }));
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

  /** Signs a console user up with `userId`, unless the e-mail has one already (then that one, `created: false`). */
  public async createConsoleUser(email: string, userId: string): Promise<{ userId: string; created: boolean }> {
    const normalized = normalizedEmail(email);
    try {
      // Invariant: one console user per e-mail, as a Cognito pool with e-mail sign-in keeps it.
      await this.client.send(new PutCommand({
        TableName: this.table, Item: { ...consoleUserKey(normalized), userId, email: normalized }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return { userId, created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.findConsoleUser(normalized);
      if (!existing) throw error;
      return { userId: existing.userId, created: false };
    }
  }

  /** The console user with this e-mail, or `undefined`. */
  public async findConsoleUser(email: string): Promise<{ userId: string; email: string } | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: consoleUserKey(email), ConsistentRead: true }));
    return result.Item ? consoleUser.parse(result.Item) : undefined;
  }
}
