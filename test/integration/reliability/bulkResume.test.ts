import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditTrail } from '../../../shared/adapters/dynamodb/DynamoAuditTrail';
import { DynamoClientFollowUpOutbox } from '../../../shared/adapters/dynamodb/DynamoClientFollowUpOutbox';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/documentClient';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/DynamoClientRepository';
import { FixedClock } from '../../../shared/domain/Clock';
import type { Client } from '../../../shared/domain/clients/Client';
import { deliverDueFollowUps } from '../../../shared/domain/clients/clientFollowUps';
import { FOLLOW_UP_GRACE_MS } from '../../../shared/domain/clients/decideClientOperation';
import { confirmClientOperation, type ClientOperationDeps, operationConfirmationId, previewClientOperation } from '../../../shared/domain/clients/runClientOperation';
import { hashSecretToken } from '../../../shared/domain/clients/secretToken';
import { LocalEventStore } from '../../../shared/adapters/local/LocalEventStore';
import { createPartner } from '../../support/clientFixtures';
import { clientOperationTestDeps, followUpJobTestDeps, storedClients } from '../../support/clientOperationFixtures';
import { useLocalTables } from '../../support/localTables';

// Own tables: the follow-up outbox holds only this file's follow-ups.
const tables = useLocalTables();
const db = () => tables.documentClient();

/** What a crashed process throws: nothing it sends after the crash reaches DynamoDB or the bus, nor any answer of what was in flight. */
class Crash extends Error {}

/** Where the process dies: after the request that `after` matches has been answered (what is in flight then may still commit). */
interface CrashPoint {
  readonly name: string;
  readonly after: (command: string, input: { TableName?: string }) => boolean;
  /** Dies when the first event is published (after every transaction). */
  readonly atEvents?: boolean;
  /** How many clients the dead process had done: none, some (it died mid-way), all. */
  readonly done: 'none' | 'some' | 'all';
}

/** A process that runs the confirmation and dies at `point`: its own DynamoDB client and bus, both dead from then on. */
function dyingProcess(point: CrashPoint, clock: FixedClock): { deps: ClientOperationDeps; stop(): void } {
  const client: DynamoDBDocumentClient = createDocumentClient();
  let dead = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (dead) throw new Crash('the process died');
      const result = await next(args);
      if (dead) throw new Crash('the process died while this request was in flight');
      if (point.after(context.commandName ?? '', args.input as { TableName?: string })) dead = true;
      return result;
    },
    { step: 'initialize', name: 'crash' },
  );
  const deps = clientOperationTestDeps(client, clock);
  return {
    deps: {
      ...deps,
      failures: { record: async () => undefined },
      events: {
        publish: async (event) => {
          if (point.atEvents) dead = true;
          if (dead) throw new Crash('the process died before publishing');
          return deps.events.publish(event);
        },
      },
    },
    stop: () => client.destroy(),
  };
}

/** Counts the transactions that commit changes and dies after the `n`-th. */
function afterTransactions(n: number): CrashPoint['after'] {
  let count = 0;
  return (command) => command === 'TransactWriteItemsCommand' && (count += 1) >= n;
}

const CRASH_POINTS: readonly CrashPoint[] = [
  {
    name: 'right after the token is spent',
    after: (command, input) => command === 'UpdateItemCommand' && String(input.TableName).endsWith('operationConfirmations'),
    done: 'none',
  },
  { name: 'after the first transaction', after: afterTransactions(1), done: 'some' },
  { name: 'between transactions (after the third)', after: afterTransactions(3), done: 'some' },
  { name: 'before the events (every transaction committed)', after: () => false, atEvents: true, done: 'all' },
];

describe('a confirmed bulk delete that dies mid-way', () => {
  it.each(CRASH_POINTS.map((point) => [point.name, point] as const))('%s: every client is done or untouched, and the same confirmation sent again completes it with the full report', async (_name, point) => {
    const clock = new FixedClock(new Date());
    const partner = await createPartner(db());
    const actor = { kind: 'partner', id: `usr_${partner.partnerId}` } as const;
    // Invited clients: a delete writes the client, cancels its invitation and audits it (3 items): 33 clients a transaction,
    // 7 transactions, 4 in flight at once (so at most 6 have been sent when the third is answered).
    const clients: Client[] = await storedClients(db(), clock, partner.partnerId, 'invited', 200);
    const request = { operation: 'delete', clientIds: clients.map((client) => client.id) } as const;
    const healthy = clientOperationTestDeps(db(), clock);
    const token = (await previewClientOperation(healthy, partner.partnerId, actor, request)).confirmation?.token ?? '';
    clock.advance(1000);

    const dying = dyingProcess(point, clock);
    const crashed = await confirmClientOperation(dying.deps, partner.partnerId, actor, request, token, { bulk: true }).catch((error: unknown) => {
      if (!(error instanceof Crash)) throw error;
      return undefined;
    });
    dying.stop();

    // Every client is either done (detached, its invitation cancelled, one detach entry) or untouched.
    const repository = new DynamoClientRepository(db());
    const trail = new DynamoAuditTrail(db());
    let doneBefore = 0;
    for (const client of clients) {
      const stored = await repository.findByAccount(partner.partnerId, client.accountId ?? '');
      const invitation = await repository.getInvitation(client.invitation.id);
      const detaches = (await trail.list(partner.partnerId, { clientId: client.id, limit: 10 })).items.filter((entry) => entry.action === 'detach');
      if (stored?.status === 'detached') {
        doneBefore += 1;
        expect([invitation?.status, detaches.length]).toEqual(['cancelled', 1]);
      } else {
        expect([stored?.status, stored?.version, invitation?.status, detaches.length]).toEqual(['invited', client.version, 'pending', 0]);
      }
    }
    expect(doneBefore === 0 ? 'none' : doneBefore === clients.length ? 'all' : 'some').toBe(point.done);
    // What it answered done (if it answered at all) is done; transactions in flight when it died may have committed unbeknown to it.
    if (crashed) expect(crashed.filter((result) => result.result === 'done').length).toBeLessThanOrEqual(doneBefore);

    clock.advance(30_000);
    const resumed = await confirmClientOperation(healthy, partner.partnerId, actor, request, token, { bulk: true });

    expect(resumed).toEqual(clients.map((client) => ({ clientId: client.id, result: 'done', status: 'detached' })));
    for (const client of clients) {
      const detaches = (await trail.list(partner.partnerId, { clientId: client.id, limit: 10 })).items.filter((entry) => entry.action === 'detach');
      expect(detaches).toHaveLength(1);
    }
    // Sent once more, it answers the same report and changes nothing.
    await expect(confirmClientOperation(healthy, partner.partnerId, actor, request, token, { bulk: true })).resolves.toEqual(resumed);
    // The follow-ups the dead process left are delivered by the job once due; none stays owed.
    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(followUpJobTestDeps(db(), clock));
    expect(await new DynamoClientFollowUpOutbox(db()).dueFollowUps(new Date('2100-01-01T00:00:00Z'), 1000)).toEqual([]);
    // Its completion is announced exactly once, under the confirmation id, with the whole report's counts.
    const completions = (await new LocalEventStore(db()).published())
      .filter((event) => event.type === 'BulkClientOperationCompleted' && event.detail.partnerId === partner.partnerId);
    expect(completions.map((event) => [event.id, event.detail.counts])).toEqual([
      [operationConfirmationId(hashSecretToken(token)), { done: clients.length, skipped: 0, notFound: 0, failed: 0 }],
    ]);
  }, 240_000);
});
