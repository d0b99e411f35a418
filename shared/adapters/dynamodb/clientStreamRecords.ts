import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StoredClientChange } from '../../domain/clients/indexClients';
import { toClient } from './clientItems';
import { CLIENT_SORT_PREFIX } from './clientKeys';

/** Partition-key prefix of a partner's items. */
const PARTNER_PREFIX = 'PARTNER#';

/** A stream record's image as a plain item (Lambda's event and the streams API carry DynamoDB's attribute-value JSON). */
function itemOf(image: NonNullable<DynamoDBRecord['dynamodb']>['NewImage']): Record<string, unknown> | undefined {
  // The event's attribute values are DynamoDB's own JSON; only their TypeScript declarations differ between packages.
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}

/**
 * The client changes among records of the clients table's change stream (`NEW_AND_OLD_IMAGES`):
 * records of other items (account markers and locks, the search index, the counts) are left out.
 * The event source mapping filters them out before they reach the function as well.
 */
export function clientChangesOf(records: readonly DynamoDBRecord[]): StoredClientChange[] {
  return records.flatMap((record): StoredClientChange[] => {
    const keys = record.dynamodb?.Keys;
    const pk = keys?.pk?.S ?? '';
    const sk = keys?.sk?.S ?? '';
    if (!pk.startsWith(PARTNER_PREFIX) || !sk.startsWith(CLIENT_SORT_PREFIX)) return [];
    const before = itemOf(record.dynamodb?.OldImage);
    const after = itemOf(record.dynamodb?.NewImage);
    return [{
      partnerId: pk.slice(PARTNER_PREFIX.length),
      clientId: sk.slice(CLIENT_SORT_PREFIX.length),
      ...(before && { before: toClient(before) }),
      ...(after && { after: toClient(after) }),
    }];
  });
}
