import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Client } from '../../domain/clients/Client';
import { batchGetAll } from './batchCalls';
import { clientKey } from './clientKeys';
import { optionalStoredText, storedText } from './storedFields';
import { physicalTableName } from './tables';

/** The attributes a name needs, not the whole client item (nor the schema that reads one). */
const namedItem = z.object({ clientId: storedText, email: storedText, name: optionalStoredText });

/** A partner's clients' names and e-mails by id: what a page that mentions clients shows of them. */
export class DynamoClientNames {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('clients')) {}

  /** The partner's clients among `clientIds` (100 keys a request); another partner's client id finds nothing (its key carries the partner). */
  public async namesOf(partnerId: string, clientIds: readonly string[]): Promise<Map<string, Pick<Client, 'name' | 'email'>>> {
    const items = await batchGetAll(this.client, this.table, clientIds.map((clientId) => clientKey(partnerId, clientId)), {
      ProjectionExpression: 'clientId, email, #name',
      ExpressionAttributeNames: { '#name': 'name' },
    });
    return new Map(items.map((item) => {
      const { clientId, email, name } = namedItem.parse(item);
      return [clientId, { email, ...(name !== undefined && { name }) }];
    }));
  }
}
