import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoClientBatchStore } from '../../shared/adapters/dynamodb/DynamoClientBatchStore';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoOperationConfirmations } from '../../shared/adapters/dynamodb/DynamoOperationConfirmations';
import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import type { Clock } from '../../shared/domain/Clock';
import type { Client } from '../../shared/domain/clients/Client';
import { closeInvitation, inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { clientOperationChange } from '../../shared/domain/clients/decideClientOperation';
import { issueSecretToken } from '../../shared/domain/clients/secretToken';
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
    failures: loggedFailures,
  };
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
export function countRequests(client: DynamoDBDocumentClient): { readonly byCommand: Map<string, number>; readonly transactionSizes: number[]; stop(): void } {
  const name = `count-${randomUUID()}`;
  const byCommand = new Map<string, number>();
  const transactionSizes: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
      if (command === 'TransactWriteItemsCommand') transactionSizes.push((args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0);
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { byCommand, transactionSizes, stop: () => client.middlewareStack.remove(name) };
}
