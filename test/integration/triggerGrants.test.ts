import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_ACTIONS } from '../../infra/constructs/ServiceFunction';
import { preAuthenticationEvent, preTokenGenerationEvent } from '../../infra/local/consoleSignIn';
import { signInDocumentClient } from '../../shared/adapters/compositionRoot';
import { physicalTableName, type TableName } from '../../shared/adapters/dynamodb/tables';
import { FixedClock } from '../../shared/domain/Clock';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { type TriggerSpec, triggers } from '../../shared/routeTable';
import { createPartner } from '../support/clientFixtures';
import { storedClient } from '../support/clientOperationFixtures';
import { useLocalTables } from '../support/localTables';

/**
 * The grants of each Cognito trigger are exactly what it calls (issue 26): every path of each
 * trigger runs on DynamoDB Local while the IAM action of every DynamoDB call is recorded per table
 * (a transaction's parts as their own actions, as IAM checks them), and the recorded actions must
 * equal the actions the stack grants for the trigger's declared access (`TABLE_ACTIONS`).
 */

const tables = useLocalTables();

/** The IAM action of each DocumentClient command, and of each part of a transaction. */
const ACTION_OF: Readonly<Record<string, string>> = {
  GetCommand: 'dynamodb:GetItem', PutCommand: 'dynamodb:PutItem', UpdateCommand: 'dynamodb:UpdateItem', DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query', ScanCommand: 'dynamodb:Scan', BatchGetCommand: 'dynamodb:BatchGetItem', BatchWriteCommand: 'dynamodb:BatchWriteItem',
  Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** Records, per physical table, the IAM actions of the calls a DocumentClient sends. */
function recordActions(client: DynamoDBDocumentClient) {
  const seen = new Map<string, Set<string>>();
  const note = (table: string | undefined, action: string | undefined) => {
    if (!table || !action) return;
    seen.set(table, (seen.get(table) ?? new Set()).add(action));
  };
  const name = `recordActions-${randomUUID()}`;
  client.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as { TableName?: string; TransactItems?: Array<Record<string, { TableName?: string }>>; RequestItems?: Record<string, unknown> };
    const command = String(context.commandName ?? '').replace(/ItemCommand$|ItemsCommand$/, 'Command');
    if (input.TransactItems) {
      for (const item of input.TransactItems) for (const [kind, part] of Object.entries(item)) note(part.TableName, ACTION_OF[kind]);
    } else if (input.RequestItems) {
      for (const table of Object.keys(input.RequestItems)) note(table, ACTION_OF[command]);
    } else {
      note(input.TableName, ACTION_OF[command] ?? command);
    }
    return next(args);
  }, { step: 'initialize', name });
  return { seen, stop: () => client.middlewareStack.remove(name) };
}

async function handlerOf(spec: TriggerSpec): Promise<(event: never) => Promise<unknown>> {
  return ((await import(`../../functions/${spec.handler}`)) as { handler: (event: never) => Promise<unknown> }).handler;
}

/** Every path of a trigger: a new user (first token registers the account), a user whose account is served, one whose account is blocked. */
async function runEveryPath(spec: TriggerSpec): Promise<void> {
  const handler = await handlerOf(spec);
  const event = (user: { userId: string; email: string }, refresh = false) =>
    (spec.trigger === 'preAuthentication' ? preAuthenticationEvent(user) : preTokenGenerationEvent(user, refresh)) as never;
  const newcomer = { userId: `user-${randomUUID()}`, email: 'newcomer@example.com' };
  await handler(event(newcomer));
  await handler(event(newcomer, true));
  const partner = await createPartner(tables.documentClient());
  for (const status of ['active', 'blocked'] as const) {
    const { client } = await storedClient(tables.documentClient(), new FixedClock(new Date()), partner.partnerId, status);
    const owner = { userId: `user-${randomUUID()}`, email: `${randomUUID()}@example.com` };
    await new DynamoCloudAccountRegistry(tables.documentClient()).register(client.accountId ?? '', new Date(), owner.userId);
    await handler(event(owner)).catch((error: unknown) => {
      if (status !== 'blocked') throw error;
    });
  }
}

describe('each console trigger is granted exactly what it calls', () => {
  it.each(triggers.map((spec) => [spec.handler, spec] as const))('%s', async (_name, spec) => {
    const recorder = recordActions(signInDocumentClient());
    try {
      await runEveryPath(spec);
    } finally {
      recorder.stop();
    }
    const declared = Object.entries(spec.uses.tables ?? {}) as Array<[TableName, keyof typeof TABLE_ACTIONS]>;
    const granted = Object.fromEntries(declared.map(([table, access]) => [physicalTableName(table), [...TABLE_ACTIONS[access]].sort()]));
    const called = Object.fromEntries([...recorder.seen].map(([table, actions]) => [table, [...actions].sort()]));
    expect(called).toEqual(granted);
  });
});
