import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate } from './conditionalUpdate';

/**
 * An entry of a lease-based outbox, kept on the item it is about: one attribute says what is owed,
 * another when it is due. A sender takes the entry by moving its due time to the end of a lease, so
 * that no other sender sees it due before the lease runs out (a sender that crashed is retried then).
 */
export interface OutboxEntry {
  readonly TableName: string;
  readonly Key: Record<string, unknown>;
  /** The attribute that says what is owed, and the value the sender saw in it. */
  readonly owed: { readonly attribute: string; readonly value: string };
  /** The attribute that holds when the entry is due (the end of the lease while a sender holds it). */
  readonly dueAt: string;
}

/** The rest of an update that goes with a claim or a release: its clauses and their values. */
export interface LeaseUpdate {
  readonly expression: string;
  readonly values?: Record<string, unknown>;
}

/**
 * Takes the lease on an entry whose due time the sender saw as `seenDueAt`: moves it to
 * `leaseUntil`, applying `also` in the same write. The attributes it updated, or `undefined` when
 * another sender took the entry first or it changed meanwhile.
 *
 * @example
 * const claimed = await claimLease(client, entry, notice.dueAt, leaseUntil);
 * if (!claimed) return false; // another sender has it
 */
export function claimLease(
  client: DynamoDBDocumentClient,
  entry: OutboxEntry,
  seenDueAt: Date,
  leaseUntil: Date,
  also?: LeaseUpdate,
): Promise<Record<string, unknown> | undefined> {
  return conditionalUpdate(client, {
    TableName: entry.TableName,
    Key: entry.Key,
    // Invariant: one sender at a time per outbox entry (the lease); a reader of a stale due time loses.
    ConditionExpression: '#owed = :owed AND #dueAt = :seen',
    UpdateExpression: `SET #dueAt = :lease${also ? ` ${also.expression}` : ''}`,
    ExpressionAttributeNames: { '#owed': entry.owed.attribute, '#dueAt': entry.dueAt },
    ExpressionAttributeValues: {
      ':owed': entry.owed.value, ':seen': seenDueAt.toISOString(), ':lease': leaseUntil.toISOString(), ...also?.values,
    },
    ReturnValues: 'UPDATED_NEW',
  });
}

/**
 * Ends the lease taken until `leaseUntil` with `update` (which empties the entry or gives it up),
 * unless the sender no longer holds it: then nothing changes, and a newer entry queued meanwhile stays.
 */
export async function releaseLease(client: DynamoDBDocumentClient, entry: OutboxEntry, leaseUntil: Date, update: LeaseUpdate): Promise<void> {
  await conditionalUpdate(client, {
    TableName: entry.TableName,
    Key: entry.Key,
    // Only the lease holder empties or gives up the entry.
    ConditionExpression: '#owed = :owed AND #dueAt = :lease',
    UpdateExpression: update.expression,
    ExpressionAttributeNames: { '#owed': entry.owed.attribute, '#dueAt': entry.dueAt },
    ExpressionAttributeValues: { ':owed': entry.owed.value, ':lease': leaseUntil.toISOString(), ...update.values },
  });
}
