import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { PartnerRepository } from '../../ports/PartnerRepository';
import type { Partner } from '../../domain/partners/Partner';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/Language';
import { partnerEmailKey, partnerKey } from './partnerKeys';
import { isoDate } from './storedDate';
import { storedText } from './storedFields';
import { physicalTableName } from './tables';

const storedPartner = z.object({
  partnerId: storedText,
  name: storedText,
  email: storedText,
  applicationId: storedText,
  createdAt: isoDate,
  /** Absent on partners admitted before languages: Russian, the default. */
  language: z._default(z.enum(LANGUAGES), DEFAULT_LANGUAGE),
});

/** The stored item of a partner account (written by the approval transaction). */
export function partnerItem(partner: Partner): Record<string, unknown> {
  return { ...partnerKey(partner.partnerId), ...partner, createdAt: partner.createdAt.toISOString() };
}

/** Partner accounts on DynamoDB. */
export class DynamoPartnerRepository implements PartnerRepository {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('partners')) {}

  public async get(partnerId: string): Promise<Partner | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerKey(partnerId) }));
    return result.Item ? storedPartner.parse(result.Item) : undefined;
  }

  public async findByEmail(email: string): Promise<Partner | undefined> {
    const marker = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerEmailKey(email) }));
    return typeof marker.Item?.partnerId === 'string' ? this.get(marker.Item.partnerId) : undefined;
  }
}
