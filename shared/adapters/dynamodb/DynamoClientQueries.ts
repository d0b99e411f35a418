import { clientRefOf } from '../../domain/clients/ClientRef';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type Client, isAttached } from '../../domain/clients/Client';
import type { Invitation } from '../../domain/clients/Invitation';
import type { ClientRef } from '../../domain/clients/ClientRef';
import type { ClientRepository, PartnerNotice } from '../../ports/ClientRepository';
import { toClient, toInvitation } from './clientItems';
import { clientKey, partnerAccountKey } from './clientKeys';
import { clientTables, type ClientTables } from './clientTables';
import { INVITATION_INDEXES, INVITATION_QUEUES, invitationKey, invitationTokenKey } from './invitationKeys';
import { isoDate } from './storedDate';
import { storedText } from './storedFields';

const tokenItem = z.object({ invitationId: storedText });
/** An item that points at a client: an account marker, a search index entry. */
export const clientPointer = z.object({ clientId: storedText });
const noticeItem = z.object({ invitationId: storedText, dueAt: isoDate });


/** The reads of `ClientRepository`. */
type ClientQueries = Pick<
  ClientRepository,
  'findForPartner' | 'get' | 'findByAccount' | 'invitationForToken' | 'getInvitation' | 'overdueInvitations' | 'duePartnerNotices'
>;

/**
 * Partners' clients and their invitations on DynamoDB, read only (tables `clients`, `invitations`):
 * read routes and the `ClientLookup` of other features use it alone, so their bundles carry no
 * write code. `DynamoClientRepository` extends it with the writes. Reads for decisions are
 * strongly consistent.
 */
export class DynamoClientQueries implements ClientQueries {
  protected readonly tables: ClientTables;

  public constructor(protected readonly client: DynamoDBDocumentClient, tableNames: Partial<ClientTables> = {}) {
    this.tables = clientTables(tableNames);
  }

  public async get(partnerId: string, clientId: string): Promise<Client | undefined> {
    const client = await this.read(partnerId, clientId);
    return client && isAttached(client.status) ? client : undefined;
  }

  /** The client record in any status, detached included. */
  private async read(partnerId: string, clientId: string): Promise<Client | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.clients, Key: clientKey(partnerId, clientId), ConsistentRead: true }));
    return result.Item ? toClient(result.Item) : undefined;
  }

  public async findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined> {
    const client = await this.get(partnerId, clientId);
    return client && clientRefOf(client);
  }

  public async findByAccount(partnerId: string, accountId: string): Promise<Client | undefined> {
    const marker = await this.client.send(new GetCommand({
      TableName: this.tables.clients, Key: partnerAccountKey(partnerId, accountId), ConsistentRead: true,
    }));
    return marker.Item ? this.read(partnerId, clientPointer.parse(marker.Item).clientId) : undefined;
  }

  public async invitationForToken(tokenHash: string): Promise<Invitation | undefined> {
    const token = await this.client.send(new GetCommand({ TableName: this.tables.invitations, Key: invitationTokenKey(tokenHash), ConsistentRead: true }));
    return token.Item ? this.getInvitation(tokenItem.parse(token.Item).invitationId) : undefined;
  }

  public async getInvitation(invitationId: string): Promise<Invitation | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.invitations, Key: invitationKey(invitationId), ConsistentRead: true }));
    return result.Item ? toInvitation(result.Item) : undefined;
  }

  public async overdueInvitations(now: Date, limit: number): Promise<Invitation[]> {
    return (await this.dueIn(INVITATION_QUEUES.expire, now, limit)).map(toInvitation);
  }

  public async duePartnerNotices(now: Date, limit: number): Promise<PartnerNotice[]> {
    return (await this.dueIn(INVITATION_QUEUES.notifyPartner, now, limit)).map((item) => noticeItem.parse(item));
  }

  /** Invitations waiting in a queue of the sparse `due` index whose time has come. */
  private async dueIn(queue: string, now: Date, limit: number): Promise<Array<Record<string, unknown>>> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.invitations,
      IndexName: INVITATION_INDEXES.due,
      KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
      ExpressionAttributeValues: { ':queue': queue, ':now': now.toISOString() },
      Limit: limit,
    }));
    return result.Items ?? [];
  }
}
