import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ACTOR_KINDS, type AuditEntry } from '../../domain/audit/AuditEntry';
import { CLIENT_ACTIONS, CLIENT_STATUSES } from '../../domain/clients/Client';
import type { AuditQuery, AuditTrail } from '../../ports/AuditTrail';
import type { Page } from '../../ports/Page';
import { AUDIT_INDEXES, auditClientKey, auditPartitionKey, auditPeriodBounds } from './auditKeys';
import { decodeCursor, pageOfOneMore } from './cursor';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';
import { storedText } from './storedFields';

const status = z.enum(CLIENT_STATUSES);

/** The stored shape of an audit item. */
const auditItem = z.object({
  auditId: storedText,
  partnerId: storedText,
  clientId: storedText,
  at: isoDate,
  actorKind: z.enum(ACTOR_KINDS),
  actorId: storedText,
  action: z.enum(CLIENT_ACTIONS),
  before: z.nullable(status),
  after: status,
});

function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  const parsed = auditItem.parse(item);
  return {
    id: parsed.auditId,
    partnerId: parsed.partnerId,
    clientId: parsed.clientId,
    at: parsed.at,
    actor: { kind: parsed.actorKind, id: parsed.actorId },
    action: parsed.action,
    before: parsed.before,
    after: parsed.after,
  };
}

/** A partner's audit trail on DynamoDB: a Query on the partner's partition (or its client index), never a Scan. */
export class DynamoAuditTrail implements AuditTrail {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('audit')) {}

  public async list(partnerId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    const byClient = query.clientId !== undefined;
    const partition = byClient
      ? { name: 'partnerClient', value: auditClientKey(partnerId, query.clientId ?? '') }
      : { name: 'pk', value: auditPartitionKey(partnerId) };
    const { lower, upper } = auditPeriodBounds(query.from, query.to);
    // A cursor must come from this partner's (and this client's) listing of the same period: nothing else may be read.
    const listing = `audit|${partition.name}=${partition.value}|${lower}|${upper}`;
    const cursorAttributes = byClient ? ['pk', 'sk', 'partnerClient'] : ['pk', 'sk'];
    const startKey = await decodeCursor(query.cursor, cursorAttributes, listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      ...(byClient && { IndexName: AUDIT_INDEXES.byClient }),
      KeyConditionExpression: '#partition = :partition AND sk BETWEEN :lower AND :upper',
      ExpressionAttributeNames: { '#partition': partition.name },
      ExpressionAttributeValues: { ':partition': partition.value, ':lower': lower, ':upper': upper },
      ScanIndexForward: false,
      // One more than asked: if it comes back, there is a next page and the cursor is the last entry shown.
      Limit: query.limit + 1,
      ExclusiveStartKey: startKey,
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], query.limit, cursorAttributes, listing);
    return { items: shown.map(toAuditEntry), ...(nextCursor && { nextCursor }) };
  }
}
