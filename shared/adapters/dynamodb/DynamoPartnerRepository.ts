import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { PartnerRepository } from '../../ports/PartnerRepository';
import type { Partner, PartnerRecord } from '../../domain/partners/Partner';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/Language';
import { PARTNER_STATES } from '../../domain/partners/PartnerStanding';
import { partnerEmailKey, partnerKey } from './partnerKeys';
import { isoDate, optionalIsoDate } from './storedDate';
import { optionalStoredText, storedText } from './storedFields';
import { physicalTableName } from './tables';

const storedPartner = z.object({
  partnerId: storedText,
  name: storedText,
  email: storedText,
  applicationId: storedText,
  createdAt: isoDate,
  /** Absent on partners admitted before languages: Russian, the default. */
  language: z._default(z.enum(LANGUAGES), DEFAULT_LANGUAGE),
  // Partners approved before partner states existed carry none: they are active since their creation.
  state: z.optional(z.enum(PARTNER_STATES)),
  stateSince: optionalIsoDate,
  stateReason: optionalStoredText,
  version: z.optional(z.number()),
});

/** The record a stored partner item holds. */
export function toPartnerRecord(item: Record<string, unknown>): PartnerRecord {
  const { state, stateSince, version, ...partner } = storedPartner.parse(item);
  return { ...partner, state: state ?? 'active', stateSince: stateSince ?? partner.createdAt, version: version ?? 0 };
}

/** The stored item of a partner (written by the approval transaction and by each state change). */
export function partnerItem(partner: PartnerRecord): Record<string, unknown> {
  const { stateReason, ...rest } = partner;
  return {
    ...partnerKey(partner.partnerId),
    ...rest,
    ...(stateReason !== undefined && { stateReason }),
    createdAt: partner.createdAt.toISOString(),
    stateSince: partner.stateSince.toISOString(),
  };
}

/** Partner accounts on DynamoDB. */
export class DynamoPartnerRepository implements PartnerRepository {
  public constructor(protected readonly client: DynamoDBDocumentClient, protected readonly table = physicalTableName('partners')) {}

  public async get(partnerId: string): Promise<PartnerRecord | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerKey(partnerId), ConsistentRead: true }));
    return result.Item ? toPartnerRecord(result.Item) : undefined;
  }

  public async findByEmail(email: string): Promise<Partner | undefined> {
    const marker = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerEmailKey(email) }));
    return typeof marker.Item?.partnerId === 'string' ? this.get(marker.Item.partnerId) : undefined;
  }
}
