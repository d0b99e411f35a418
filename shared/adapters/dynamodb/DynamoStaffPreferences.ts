import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from '../../domain/Language';
import type { StaffPreferences } from '../../ports/StaffPreferences';
import { conditionalUpdate } from './conditionalUpdate';
import { managerPreferencesKey, partnerKey } from './partnerKeys';
import { storedText } from './storedFields';
import { physicalTableName } from './tables';

const language = z.enum(LANGUAGES);
/** What a profile reads of a partner item (partners admitted before languages read Russian, the default). */
const partnerItem = z.object({ name: storedText, language: z._default(language, DEFAULT_LANGUAGE) });
const managerItem = z.object({ language });

/** Staff preferences on the `partners` table: the language on the partner item, managers' in a `MANAGER#<user id>` item. */
export class DynamoStaffPreferences implements StaffPreferences {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('partners')) {}

  public async partner(partnerId: string): Promise<{ name: string; language: Language } | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerKey(partnerId), ConsistentRead: true }));
    return result.Item ? partnerItem.parse(result.Item) : undefined;
  }

  public async setPartnerLanguage(partnerId: string, chosen: Language): Promise<boolean> {
    const updated = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: partnerKey(partnerId),
      // Invariant: a preference never creates a partner; only approval does.
      ConditionExpression: 'attribute_exists(pk)',
      UpdateExpression: 'SET #language = :language',
      ExpressionAttributeNames: { '#language': 'language' },
      ExpressionAttributeValues: { ':language': chosen },
    });
    return updated !== undefined;
  }

  public async managerLanguage(userId: string): Promise<Language | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: managerPreferencesKey(userId), ConsistentRead: true }));
    return result.Item ? managerItem.parse(result.Item).language : undefined;
  }

  public async setManagerLanguage(userId: string, chosen: Language): Promise<void> {
    // Unconditional: the manager's own preference, last choice wins.
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...managerPreferencesKey(userId), language: chosen } }));
  }
}
