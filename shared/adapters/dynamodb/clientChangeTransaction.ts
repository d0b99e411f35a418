import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Client, holdsAccount, isAttached } from '../../domain/clients/Client';
import type { ClientChange } from '../../domain/clients/ClientChange';
import { clientSearchTerms, searchPrefixes } from '../../domain/clients/clientSearch';
import { ConcurrentChangeError } from '../../domain/ConcurrentChange';
import { ConflictError } from '../../domain/errors';
import { normalizedEmail } from '../../domain/accounts/emailAddress';
import { accountLockKey, clientListKey, clientSearchKey, partnerAccountKey, partnerInviteeKey } from './clientKeys';
import { clientCountKey, clientCountShard, type CountDelta } from './clientCountKeys';
import { clientToItem, invitationToItem } from './clientItems';
import type { ClientTables } from './clientTables';
import { auditTransactItem } from './auditTransactItem';
import { invitationTokenKey } from './invitationKeys';
import { cancellationCodes, lostItem, lostRace, TRANSACTION_CONFLICT } from './lostRace';
import type { TransactItem } from './TransactItem';

/** What each item of a change transaction is, to explain a cancellation. */
type Part = 'client' | 'marker' | 'invitee' | 'lock' | 'invitation' | 'token' | 'audit' | 'search' | 'counts';

/** The search terms of a client the partner can find: none once detached. */
function indexedTerms(client: Client | undefined): string[] {
  return client && isAttached(client.status) ? clientSearchTerms(client) : [];
}

/**
 * The search index entries a change writes and removes: one entry per indexed prefix of the client's
 * terms (`clientSearch.ts`), holding the terms themselves for searches longer than the prefix.
 * Nothing when the terms are unchanged (a status change such as a block); everything removed on detach.
 */
function searchItems(previous: Client | undefined, client: Client, table: string): TransactItem[] {
  const before = indexedTerms(previous);
  const after = indexedTerms(client);
  if (before.join(' ') === after.join(' ')) return [];
  const { partnerId, id, createdAt } = client;
  const listKey = clientListKey(createdAt, id);
  const kept = new Set(searchPrefixes(after));
  return [
    ...searchPrefixes(before).filter((prefix) => !kept.has(prefix))
      .map((prefix): TransactItem => ({ Delete: { TableName: table, Key: clientSearchKey(partnerId, prefix, listKey) } })),
    // Derived from the client written in the same transaction, whose version condition guards them too.
    ...[...kept].map((prefix): TransactItem => ({
      Put: { TableName: table, Item: { ...clientSearchKey(partnerId, prefix, listKey), clientId: id, terms: ` ${after.join(' ')} ` } },
    })),
  ];
}

/** The search index entries of a stored client, for the backfill of clients stored before the index. */
export function searchEntriesOf(client: Client): Array<Record<string, unknown>> {
  return searchItems(undefined, client, '').flatMap((item) => (item.Put?.Item ? [item.Put.Item] : []));
}

/** The condition of a versioned write: onto the version read, or a new item (`read` absent). */
function versionCondition(read: { readonly version: number } | undefined): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, number> } {
  return read
    ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': read.version } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

/** The marker item of a client's account, when the change creates the client with an account or binds one. */
function markerItem(change: ClientChange, table: string): TransactItem | undefined {
  const { before, after } = change;
  if (!after.accountId) return undefined;
  const Item = { ...partnerAccountKey(after.partnerId, after.accountId), clientId: after.id };
  if (!before) {
    // Invariant: a partner has one client record per cloud account.
    return { Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  if (!change.boundAccount) return undefined;
  const replaces = change.boundAccount.replaces;
  return {
    Put: {
      TableName: table,
      Item,
      // Invariant: a partner has one client record per cloud account; binding takes the place of the
      // earlier record read when deciding (closed or deleted), never of one created meanwhile.
      ...(replaces
        ? { ConditionExpression: 'clientId = :replaces', ExpressionAttributeValues: { ':replaces': replaces } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** How a change moves its partner's client counts (`clientCountKeys.ts`): nothing when the status stays. */
export function countDelta(change: ClientChange): CountDelta | undefined {
  const { before, after } = change;
  if (before?.status === after.status) return undefined;
  const deltas: Partial<Record<Client['status'], number>> = { [after.status]: 1 };
  if (before) deltas[before.status] = -1;
  return { partnerId: after.partnerId, shard: clientCountShard(after.id), deltas };
}

/**
 * The updates of the counts shards for `deltas`, merged per shard: DynamoDB refuses two operations
 * on one item in a transaction, so the changes of one transaction touch each shard once.
 */
export function countItems(deltas: ReadonlyArray<CountDelta | undefined>, table: string): TransactItem[] {
  const merged = new Map<string, { partnerId: string; shard: number; deltas: Map<string, number> }>();
  for (const delta of deltas) {
    if (!delta) continue;
    const name = `${delta.partnerId}#${delta.shard}`;
    const entry = merged.get(name) ?? { partnerId: delta.partnerId, shard: delta.shard, deltas: new Map<string, number>() };
    for (const [status, by] of Object.entries(delta.deltas)) entry.deltas.set(status, (entry.deltas.get(status) ?? 0) + (by ?? 0));
    merged.set(name, entry);
  }
  return [...merged.values()].flatMap(({ partnerId, shard, deltas: byStatus }) => {
    const moved = [...byStatus].filter(([, by]) => by !== 0);
    if (moved.length === 0) return [];
    return [{
      Update: {
        TableName: table,
        Key: clientCountKey(partnerId, shard),
        // Unconditional: derived from the changes written in the same transaction, whose conditions guard it.
        UpdateExpression: `ADD ${moved.map((_, index) => `#s${index} :d${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(moved.map(([status], index) => [`#s${index}`, status])),
        ExpressionAttributeValues: Object.fromEntries(moved.map(([, by], index) => [`:d${index}`, by])),
      },
    }];
  });
}

/**
 * The items of the one transaction that writes a client change (see `ClientChange`), each with
 * what it is, in order; `save` sends them alone, bulk writers put several changes in one transaction
 * (they leave out the counts, `counts: false`, and merge them per transaction with `countItems`).
 */
export function clientChangeItems(
  change: ClientChange,
  tables: { clients: string; invitations: string; audit: string },
  options: { readonly counts: boolean } = { counts: true },
): Array<{ part: Part; item: TransactItem }> {
  const parts: Array<{ part: Part; item: TransactItem }> = [];
  const { before, after } = change;
  parts.push({
    part: 'client',
    item: {
      Put: {
        TableName: tables.clients,
        Item: clientToItem(after),
        // Invariant: ids are never reused; a change applies only to the version it was decided on (no lost updates).
        ...versionCondition(before),
      },
    },
  });
  const marker = markerItem(change, tables.clients);
  if (marker) parts.push({ part: 'marker', item: marker });
  if (change.invitee && change.invitation) {
    const replaces = change.invitee.replaces;
    parts.push({
      part: 'invitee',
      item: {
        Put: {
          TableName: tables.clients,
          Item: { ...partnerInviteeKey(after.partnerId, normalizedEmail(after.email)), clientId: after.id, invitationId: change.invitation.after.id },
          // Invariant: a partner has at most one pending invitation per e-mail address; a new one takes
          // the place of the invitation read when deciding (closed since), never of one sent meanwhile.
          ...(replaces
            ? { ConditionExpression: 'invitationId = :replaces', ExpressionAttributeValues: { ':replaces': replaces } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    });
  }
  const heldBefore = before ? holdsAccount(before.status) : false;
  const heldAfter = holdsAccount(after.status);
  if (!heldBefore && heldAfter && after.accountId) {
    parts.push({
      part: 'lock',
      item: {
        Put: {
          TableName: tables.clients,
          Item: { ...accountLockKey(after.accountId), partnerId: after.partnerId, clientId: after.id, since: after.updatedAt.toISOString() },
          // Invariant: a cloud account is served (active, blocked) by at most one client, of one partner, at a time.
          // A lock this client already holds (a stack from before invitations stopped locking) is taken over.
          ConditionExpression: 'attribute_not_exists(pk) OR clientId = :clientId',
          ExpressionAttributeValues: { ':clientId': after.id },
        },
      },
    });
  } else if (heldBefore && !heldAfter && after.accountId) {
    parts.push({
      part: 'lock',
      item: {
        Delete: {
          TableName: tables.clients,
          Key: accountLockKey(after.accountId),
          // Only the client that holds the account releases it.
          ConditionExpression: 'clientId = :clientId',
          ExpressionAttributeValues: { ':clientId': after.id },
        },
      },
    });
  }
  if (change.invitation) {
    const { before: previous, after: invitation } = change.invitation;
    parts.push({
      part: 'invitation',
      item: {
        Put: {
          TableName: tables.invitations,
          Item: invitationToItem(invitation),
          // Invariant: the invitation state machine; one answer per invitation (of N concurrent accepts, one wins).
          ...versionCondition(previous),
        },
      },
    });
    if (previous?.tokenHash !== invitation.tokenHash) {
      parts.push({
        part: 'token',
        item: {
          Put: {
            TableName: tables.invitations,
            Item: { ...invitationTokenKey(invitation.tokenHash), invitationId: invitation.id, issuedAt: after.updatedAt.toISOString() },
            // Invariant: a token hash points at exactly one invitation, forever.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      });
    }
  }
  parts.push({ part: 'audit', item: auditTransactItem(change.audit, tables.audit) });
  for (const item of searchItems(change.before, change.after, tables.clients)) parts.push({ part: 'search', item });
  if (options.counts) for (const item of countItems([countDelta(change)], tables.clients)) parts.push({ part: 'counts', item });
  return parts;
}

/**
 * Writes a client change in one transaction (`clientChangeItems`). Throws `ConflictError`
 * `account_served` when only the account lock failed (another client serves the account),
 * `ConcurrentChangeError` when the change lost a race, anything else as it came.
 */
export async function saveClientChange(client: DynamoDBDocumentClient, tables: ClientTables, change: ClientChange): Promise<void> {
  const parts = clientChangeItems(change, tables);
  try {
    await client.send(new TransactWriteCommand({ TransactItems: parts.map(({ item }) => item) }));
  } catch (error) {
    throw saveError(error, parts.map(({ part }) => part));
  }
}

/** Explains a failed change transaction in domain terms. */
function saveError(error: unknown, parts: readonly Part[]): unknown {
  if (!lostRace(error)) return error;
  const codes = cancellationCodes(error);
  const failed = new Set(parts.filter((_, index) => lostItem(codes[index])));
  if (failed.has('lock') && !codes.includes(TRANSACTION_CONFLICT) && !failed.has('client') && !failed.has('marker')) {
    // Only the account's owner accepts, so only the owner reads this: no partner learns of another.
    return new ConflictError('account_served', 'Your cloud account is served by another partner; ask it to detach your account (or detach it yourself) before accepting', {});
  }
  return new ConcurrentChangeError('client');
}
