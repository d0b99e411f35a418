import { DynamoAuditTrail } from '../../../shared/adapters/dynamodb/DynamoAuditTrail';
import { DynamoClientBatchStore } from '../../../shared/adapters/dynamodb/DynamoClientBatchStore';
import { DynamoCloudAccountRegistry } from '../../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { LocalEventStore } from '../../../shared/adapters/local/LocalEventStore';
import type { AuditEntry } from '../../../shared/domain/audit/AuditEntry';
import { FixedClock, SystemClock } from '../../../shared/domain/Clock';
import { type Client, type ClientStatus, holdsAccount } from '../../../shared/domain/clients/Client';
import { deliverDueFollowUps } from '../../../shared/domain/clients/clientFollowUps';
import { type ClientOperation, type ClientOperationResult, FOLLOW_UP_GRACE_MS } from '../../../shared/domain/clients/decideClientOperation';
import { confirmClientOperation, previewClientOperation } from '../../../shared/domain/clients/runClientOperation';
import { accountLock, createPartner } from '../../support/clientFixtures';
import { clientOperationTestDeps, followUpJobTestDeps, storedClients } from '../../support/clientOperationFixtures';
import { useLocalTables } from '../../support/localTables';

// Own tables: the follow-up job and the event store see only this file's changes.
const tables = useLocalTables();
const db = () => tables.documentClient();

/** The audit action each operation records. */
const ACTION_OF: Record<ClientOperation, string> = { block: 'block', unblock: 'unblock', delete: 'detach' };

/**
 * Overlapping operations on clients 0..39 (0..19 start active, 20..39 blocked). In each round all
 * are previewed, then all confirmed at once; an operation with nothing left to change in a later
 * round has no token and is not run.
 */
const OPERATIONS: ReadonlyArray<{ operation: ClientOperation; from: number; to: number }> = [
  { operation: 'block', from: 0, to: 29 },
  { operation: 'unblock', from: 10, to: 39 },
  { operation: 'delete', from: 15, to: 24 },
  { operation: 'block', from: 5, to: 34 },
  { operation: 'unblock', from: 15, to: 29 },
  { operation: 'delete', from: 30, to: 32 },
];
const ROUNDS = 3;

/**
 * True when the audit entries, in some order, lead from `initial` to `final`, each entry starting
 * where the previous one ended. Concurrent writers may stamp entries within the same millisecond,
 * so the stored order is not trusted; the chain is searched for.
 */
function chains(initial: ClientStatus, final: ClientStatus, entries: readonly AuditEntry[]): boolean {
  if (entries.length === 0) return initial === final;
  return entries.some((entry, index) => entry.before === initial && chains(entry.after, final, entries.filter((_, other) => other !== index)));
}

async function auditSince(partnerId: string, clientId: string, since: Date): Promise<AuditEntry[]> {
  const page = await new DynamoAuditTrail(db()).list(partnerId, { clientId, limit: 100 });
  return page.items.filter((entry) => entry.at.getTime() >= since.getTime());
}

const accountHolder = async (accountId: string | undefined) => (accountId ? (await accountLock(db(), accountId))?.clientId : undefined);

describe('parallel bulk operations on overlapping sets of clients', () => {
  it('leaves every client in one consistent state whose audit trail matches the results reported', async () => {
    const partner = await createPartner(db());
    const actor = { kind: 'partner', id: `usr_${partner.partnerId}` } as const;
    const seeded = new FixedClock(new Date());
    const clients: Client[] = [
      ...(await storedClients(db(), seeded, partner.partnerId, 'active', 20)),
      ...(await storedClients(db(), seeded, partner.partnerId, 'blocked', 20)),
    ];
    const since = new Date(seeded.now().getTime() + 1);
    // Real time: concurrent confirmations stamp their audit entries as they really happen.
    const deps = clientOperationTestDeps(db(), new SystemClock());
    await new Promise((resolve) => setTimeout(resolve, 2));

    const requests = OPERATIONS.map(({ operation, from, to }) => ({ operation, clientIds: clients.slice(from, to + 1).map((client) => client.id) }));
    const runs: Array<{ operation: ClientOperation; results: ClientOperationResult[] }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const previews = await Promise.all(requests.map((request) => previewClientOperation(deps, partner.partnerId, actor, request)));
      // In the first round every operation has something to change (see OPERATIONS).
      if (round === 0) expect(previews.map((preview) => preview.confirmation !== undefined)).toEqual(requests.map(() => true));
      runs.push(...await Promise.all(requests.flatMap((request, index) => {
        const token = previews[index]?.confirmation?.token;
        if (!token) return [];
        return [confirmClientOperation(deps, partner.partnerId, actor, request, token).then((results) => ({ operation: request.operation, results }))];
      })));
    }

    const stored = new Map((await new DynamoClientBatchStore(db()).clientsByIds(partner.partnerId, clients.map((client) => client.id)))
      .map((client) => [client.id, client]));
    let done = 0;
    for (const client of clients) {
      const final = stored.get(client.id);
      if (!final) throw new Error(`client ${client.id} vanished`);
      const trail = await auditSince(partner.partnerId, client.id, since);
      const reported = runs.flatMap(({ operation, results }) =>
        results.filter((result) => result.clientId === client.id).map((result) => ({ ...result, operation })));
      // Every change reported `done` has exactly one audit entry, and nothing else changed the client.
      for (const operation of ['block', 'unblock', 'delete'] as const) {
        const doneHere = reported.filter((result) => result.operation === operation && result.result === 'done').length;
        expect([client.id, operation, trail.filter((entry) => entry.action === ACTION_OF[operation]).length])
          .toEqual([client.id, operation, doneHere]);
      }
      expect(trail).toHaveLength(reported.filter((result) => result.result === 'done').length);
      done += trail.length;
      // The entries chain from the status before the operations to the status stored now.
      expect([client.id, chains(client.status, final.status, trail)]).toEqual([client.id, true]);
      expect(final.version).toBe(client.version + trail.length);
      // Failures are allowed only as lost races, never as half-written clients.
      for (const result of reported.filter((each) => each.result === 'failed')) expect(result.reason).toBe('concurrent_change');
      // The account lock is held exactly while the status holds the account.
      expect([client.id, await accountHolder(client.accountId)]).toEqual([client.id, holdsAccount(final.status) ? client.id : undefined]);
    }
    expect(done).toBeGreaterThan(OPERATIONS.length);

    // The sign-in gate follows each client's final status; once the follow-ups are delivered, each change published one event.
    const gate = new DynamoCloudAccountRegistry(db());
    for (const client of clients) {
      expect([client.id, await gate.signIn(client.accountId ?? '')]).toEqual([client.id, stored.get(client.id)?.status === 'blocked' ? 'refused' : 'allowed']);
    }
    await deliverDueFollowUps(followUpJobTestDeps(db(), new FixedClock(new Date(Date.now() + FOLLOW_UP_GRACE_MS + 1000))));
    const events = (await new LocalEventStore(db()).published()).filter((event) => event.detail.partnerId === partner.partnerId);
    expect(new Set(events.map((event) => event.id)).size).toBe(done);
  });
});
