import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ACTOR_KINDS, AUDIT_ACTIONS, type AuditEntry, type ClientAuditEntry, EDITABLE_CLIENT_FIELDS, isDefaultBudgetAction } from '../../domain/audit/AuditEntry';
import { CLIENT_STATUSES } from '../../domain/clients/Client';
import type { AuditQuery, AuditTrail } from '../../ports/AuditTrail';
import type { Page } from '../../ports/Page';
import { AUDIT_INDEXES, auditActorKey, auditClientKey, auditPartitionKey, auditPeriodBounds } from './auditKeys';
import { decodeCursor, pageOfOneMore } from './cursor';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';
import { optionalStoredText, storedText } from './storedFields';

const status = z.enum(CLIENT_STATUSES);

/** The stored shape of an audit item. */
const auditItem = z.object({
  auditId: storedText,
  partnerId: storedText,
  /** Absent on an entry about the partner's own settings (its default budget). */
  clientId: z.optional(storedText),
  at: isoDate,
  actorKind: z.enum(ACTOR_KINDS),
  actorId: storedText,
  actorEmail: optionalStoredText,
  action: z.enum(AUDIT_ACTIONS),
  before: z.nullish(status),
  after: z.optional(status),
  changes: z.optional(z.array(z.object({ field: z.enum(EDITABLE_CLIENT_FIELDS), before: z.nullable(storedText), after: z.nullable(storedText) }))),
});

/** Parses a stored audit item. */
export function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  const parsed = auditItem.parse(item);
  const common = {
    id: parsed.auditId,
    partnerId: parsed.partnerId,
    at: parsed.at,
    actor: { kind: parsed.actorKind, id: parsed.actorId, ...(parsed.actorEmail && { email: parsed.actorEmail }) },
  };
  const { action, clientId, after } = parsed;
  if (isDefaultBudgetAction(action)) return { ...common, clientId: null, action, before: null, after: null };
  if (clientId === undefined || after === undefined) throw new Error(`Audit entry ${parsed.auditId} names no client or status`);
  return { ...common, clientId, action, before: parsed.before ?? null, after, ...(parsed.changes && { changes: parsed.changes }) };
}

/** Parses a stored audit item about a client (an operation's recorded result). */
export function toClientAuditEntry(item: Record<string, unknown>): ClientAuditEntry {
  const entry = toAuditEntry(item);
  if (entry.clientId === null) throw new Error(`Audit entry ${entry.id} is not about a client`);
  return entry;
}

/** A partner's audit trail on DynamoDB: a Query on the partner's partition (or its client index), never a Scan. */
export class DynamoAuditTrail implements AuditTrail {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('audit')) {}

  public async list(partnerId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    const partition = query.clientId !== undefined
      ? { name: 'partnerClient', value: auditClientKey(partnerId, query.clientId), index: AUDIT_INDEXES.byClient }
      : query.memberId !== undefined
        ? { name: 'partnerActor', value: auditActorKey(partnerId, query.memberId), index: AUDIT_INDEXES.byActor }
        : { name: 'pk', value: auditPartitionKey(partnerId), index: undefined };
    const { lower, upper } = auditPeriodBounds(query.from, query.to);
    // A cursor must come from this partner's (and this client's or member's) listing of the same period: nothing else may be read.
    const listing = `audit|${partition.name}=${partition.value}|${lower}|${upper}`;
    const cursorAttributes = partition.index ? ['pk', 'sk', partition.name] : ['pk', 'sk'];
    const startKey = await decodeCursor(query.cursor, cursorAttributes, listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      ...(partition.index && { IndexName: partition.index }),
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
