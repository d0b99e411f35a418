import type { AuditEntry } from '../../domain/audit/AuditEntry';
import { auditActorKey, auditClientKey, auditKey } from './auditKeys';
import type { TransactItem } from './TransactItem';
import { physicalTableName } from './tables';

/**
 * The transaction item that writes an audit entry: put it in the same `TransactWriteCommand` as the
 * change it records, so a change without its entry (or an entry without its change) cannot exist.
 *
 * @example
 * await client.send(new TransactWriteCommand({ TransactItems: [{ Update: blockClient }, auditTransactItem(entry)] }));
 */
export function auditTransactItem(entry: AuditEntry, table = physicalTableName('audit')): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...auditKey(entry.partnerId, entry.at, entry.id),
        // Sparse `byClient` index: an entry about the partner's own settings names no client.
        ...(entry.clientId !== null && { partnerClient: auditClientKey(entry.partnerId, entry.clientId) }),
        ...(entry.actor.kind === 'partner' && { partnerActor: auditActorKey(entry.partnerId, entry.actor.id) }),
        auditId: entry.id,
        partnerId: entry.partnerId,
        ...(entry.clientId !== null && { clientId: entry.clientId }),
        at: entry.at.toISOString(),
        actorKind: entry.actor.kind,
        actorId: entry.actor.id,
        actorEmail: entry.actor.email,
        action: entry.action,
        before: entry.before,
        ...(entry.after !== null && { after: entry.after }),
        ...('changes' in entry && entry.changes && { changes: entry.changes }),
      },
      // Invariant: an audit entry is written once and never overwritten.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
