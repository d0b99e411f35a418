import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate } from './conditionalUpdate';

/**
 * An entry of a lease-based outbox, kept on the item it is about: one attribute says what is owed,
 * another when it is due. A sender takes the entry by moving its due time to the end of a lease
 * (`SET <dueAt> = :lease`), so that no other sender sees it due before the lease runs out (a sender
 * that crashed is retried then), and ends the lease by emptying the entry or giving it up.
 */
export interface OutboxEntry {
  readonly TableName: string;
  readonly Key: Record<string, unknown>;
  /** The attribute that says what is owed, and the value the sender saw in it. */
  readonly owed: readonly [attribute: string, value: string];
  /** The attribute that holds when the entry is due (the end of the lease while a sender holds it). */
  readonly dueAt: string;
}

/**
 * Applies `update` (with its `values`) to an outbox entry only while the entry still owes what the
 * sender saw and is due at `dueAt`: the due time the sender read, to take the lease; the end of its
 * own lease, to end it. The attributes it updated, or `undefined` when the entry changed meanwhile
 * (another sender took it, or a newer entry was queued).
 *
 * @example
 * const claimed = await writeUnderLease(client, entry, notice.dueAt, 'SET dueAt = :lease', { ':lease': leaseUntil.toISOString() });
 * if (!claimed) return false; // another sender has it
 */
export function writeUnderLease(
  client: DynamoDBDocumentClient,
  entry: OutboxEntry,
  dueAt: Date,
  update: string,
  values?: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const [owedAttribute, owed] = entry.owed;
  return conditionalUpdate(client, {
    TableName: entry.TableName,
    Key: entry.Key,
    // Invariant: one sender at a time per outbox entry. A claim holds only onto the due time its sender
    // read (a reader of a stale due time loses), a release only onto its own lease (a newer entry stays).
    ConditionExpression: `${owedAttribute} = :owed AND ${entry.dueAt} = :dueAt`,
    UpdateExpression: update,
    ExpressionAttributeValues: { ':owed': owed, ':dueAt': dueAt.toISOString(), ...values },
    ReturnValues: 'UPDATED_NEW',
  });
}
