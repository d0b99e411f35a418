import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoClientFollowUpOutbox } from '../../shared/adapters/dynamodb/DynamoClientFollowUpOutbox';
import { DynamoClientBatchStore } from '../../shared/adapters/dynamodb/DynamoClientBatchStore';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoOperationConfirmations } from '../../shared/adapters/dynamodb/DynamoOperationConfirmations';
import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import type { Clock } from '../../shared/domain/Clock';
import type { Client } from '../../shared/domain/clients/Client';
import { closeInvitation, inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { clientOperationChange } from '../../shared/domain/clients/decideClientOperation';
import { issueSecretToken } from '../../shared/domain/clients/secretToken';
import type { DueFollowUpDeps } from '../../shared/domain/clients/clientFollowUps';
import type { ClientOperationDeps } from '../../shared/domain/clients/runClientOperation';
import { randomIds } from '../../shared/domain/IdGenerator';
import { loggedFailures } from '../../shared/observability/loggedFailures';
import { newCloudAccountId, uniqueClientEmail } from './clientFixtures';

/** Real adapters on DynamoDB Local (local event store, the real failure log) for the block / unblock / delete use cases. */
export function clientOperationTestDeps(client: DynamoDBDocumentClient, clock: Clock): ClientOperationDeps {
  return {
    operations: new DynamoClientBatchStore(client),
    confirmations: new DynamoOperationConfirmations(client),
    events: new LocalEventStore(client),
    clock,
    ids: randomIds,
    failures: loggedFailures(),
  };
}

/** What the follow-up job runs with, on DynamoDB Local, at `clock`. */
export function followUpJobTestDeps(client: DynamoDBDocumentClient, clock: Clock): DueFollowUpDeps {
  return { operations: new DynamoClientFollowUpOutbox(client), events: new LocalEventStore(client), clock };
}

/** A stored client of `partnerId`, brought to `status` through the real state machine and repository; with its invitation token. */
export async function storedClient(
  client: DynamoDBDocumentClient,
  clock: Clock,
  partnerId: string,
  status: 'invited' | 'active' | 'blocked',
): Promise<{ client: Client; invitationToken: string }> {
  const repository = new DynamoClientRepository(client);
  const actor = { kind: 'partner', id: `usr_${partnerId}` } as const;
  // Each step a second apart and before `clock.now()`, so the audit trail (ordered by time) reads in order.
  const context = (secondsAgo: number) => ({ at: new Date(clock.now().getTime() - secondsAgo * 1000), actor, auditId: randomIds.next('aud') });
  const token = issueSecretToken();
  const invited = inviteNewClient(partnerId, randomIds.next('cli'), { accountId: newCloudAccountId(), email: uniqueClientEmail() }, {
    id: randomIds.next('inv'), tokenHash: token.hash, partnerName: 'Volkova IT',
  }, context(3));
  await repository.save(invited);
  let current = invited.after;
  if (status !== 'invited' && invited.invitation) {
    const accepted = closeInvitation(current, invited.invitation.after, 'accept', { ...context(2), actor: { kind: 'invitee', id: current.id } });
    await repository.save(accepted);
    current = accepted.after;
  }
  if (status === 'blocked') {
    const blocked = clientOperationChange('block', current, undefined, context(1));
    await repository.save(blocked);
    current = blocked.after;
  }
  return { client: current, invitationToken: token.token };
}

/** Many stored clients, written a few at a time. */
export async function storedClients(
  client: DynamoDBDocumentClient,
  clock: Clock,
  partnerId: string,
  status: 'invited' | 'active' | 'blocked',
  count: number,
): Promise<Client[]> {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start) }, () => storedClient(client, clock, partnerId, status));
    clients.push(...(await Promise.all(batch)).map((stored) => stored.client));
  }
  return clients;
}

/** Requests a DocumentClient sends, per SDK command, and the item count of each `TransactWriteItems`. */
export function countRequests(client: DynamoDBDocumentClient): {
  readonly byCommand: Map<string, number>;
  /** Items per transaction that writes (each client's change, the follow-up group). */
  readonly transactionSizes: number[];
  /** Items per transaction that only deletes (delivered follow-up groups). */
  readonly deletionSizes: number[];
  stop(): void;
} {
  const name = `count-${randomUUID()}`;
  const byCommand = new Map<string, number>();
  const transactionSizes: number[] = [];
  const deletionSizes: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
      if (command === 'TransactWriteItemsCommand') {
        const items = (args.input as { TransactItems?: Array<Record<string, unknown>> }).TransactItems ?? [];
        (items.every((item) => 'Delete' in item) ? deletionSizes : transactionSizes).push(items.length);
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { byCommand, transactionSizes, deletionSizes, stop: () => client.middlewareStack.remove(name) };
}
