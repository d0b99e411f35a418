import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FOLLOW_UP_INDEXES, FOLLOW_UP_QUEUE } from '../../shared/adapters/dynamodb/clientFollowUpKeys';
import { createDocumentClient } from '../../shared/adapters/dynamodb/documentClient';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/DynamoAuditTrail';
import { DynamoClientBatchStore } from '../../shared/adapters/dynamodb/DynamoClientBatchStore';
import { DynamoClientFollowUpOutbox } from '../../shared/adapters/dynamodb/DynamoClientFollowUpOutbox';
import { DynamoClientListing } from '../../shared/adapters/dynamodb/DynamoClientListing';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoOperationConfirmations } from '../../shared/adapters/dynamodb/DynamoOperationConfirmations';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import type { AuditEntry } from '../../shared/domain/audit/AuditEntry';
import { FixedClock } from '../../shared/domain/Clock';
import { acceptInvitation } from '../../shared/domain/clients/answerInvitation';
import type { Client } from '../../shared/domain/clients/Client';
import { addClient } from '../../shared/domain/clients/addClient';
import { closeInvitation, inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { deliverDueFollowUps } from '../../shared/domain/clients/clientFollowUps';
import { type ClientOperation, clientFollowUp, clientOperationChange, FOLLOW_UP_GRACE_MS } from '../../shared/domain/clients/decideClientOperation';
import {
  type ClientOperationDeps,
  confirmClientOperation,
  type ClientOperationRequest,
  operationConfirmationId,
  previewClientOperation,
} from '../../shared/domain/clients/runClientOperation';
import { hashSecretToken } from '../../shared/domain/clients/secretToken';
import { CONFIRMATION_LIFETIME_MS } from '../../shared/domain/clients/operationConfirmation';
import { randomIds } from '../../shared/domain/IdGenerator';
import type { EventPublisher } from '../../shared/ports/EventPublisher';
import type { ClientBatchStore } from '../../shared/ports/ClientBatchStore';
import { accountLock, clientTestDeps, createPartner, registerCloudAccount, uniqueClientEmail, ownerOf } from '../support/clientFixtures';
import { clientOperationTestDeps, countRequests, followUpJobTestDeps, storedClient, storedClients } from '../support/clientOperationFixtures';
import { useLocalTables } from '../support/localTables';

const tables = useLocalTables();
const owner = (token: string) => ownerOf(tables.documentClient(), token);

/**
 * A fixed clock at the real time: confirmations carry a DynamoDB TTL derived from the clock, and
 * DynamoDB Local really deletes items whose TTL has passed, so a clock in the past would lose them.
 */
const testClock = () => new FixedClock(new Date());
const db = () => tables.documentClient();
const deps = (clock: FixedClock) => clientOperationTestDeps(db(), clock);
const jobDeps = (clock: FixedClock) => followUpJobTestDeps(db(), clock);

async function newPartner() {
  const partner = await createPartner(db());
  return { partnerId: partner.partnerId, actor: { kind: 'partner', id: `usr_${partner.partnerId}` } as const };
}

/** Preview, then confirm with the preview's token. */
async function previewAndConfirm(operationDeps: ClientOperationDeps, partner: Awaited<ReturnType<typeof newPartner>>, request: ClientOperationRequest) {
  const preview = await previewClientOperation(operationDeps, partner.partnerId, partner.actor, request);
  if (!preview.confirmation) throw new Error('nothing to confirm');
  return confirmClientOperation(operationDeps, partner.partnerId, partner.actor, request, preview.confirmation.token);
}

async function auditOf(partnerId: string, clientId: string): Promise<AuditEntry[]> {
  const page = await new DynamoAuditTrail(db()).list(partnerId, { clientId, limit: 100 });
  return [...page.items].reverse();
}

const accountHolder = async (accountId: string | undefined) => (accountId ? (await accountLock(db(), accountId))?.clientId : undefined);

/** Whether the console's sign-in gate lets the account's owner in now (what the Cognito triggers read). */
const loginEnabled = async (accountId: string | undefined) => (await new DynamoCloudAccountRegistry(db()).signIn(accountId ?? '')) === 'allowed';

describe('blockClients in bulk', () => {
  it('blocks 500 mixed ids in a few transactions and reports each: done, skipped, not_found (other partner and unknown)', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const other = await newPartner();
    const [active, blocked, invited, othersClients] = await Promise.all([
      storedClients(db(), clock, partner.partnerId, 'active', 430),
      storedClients(db(), clock, partner.partnerId, 'blocked', 20),
      storedClients(db(), clock, partner.partnerId, 'invited', 10),
      storedClients(db(), clock, other.partnerId, 'active', 20),
    ]);
    const unknown = Array.from({ length: 20 }, () => randomIds.next('cli'));
    const clientIds = [...active, ...blocked, ...invited, ...othersClients].map((client) => client.id).concat(unknown);
    const request = { operation: 'block', clientIds } as const;
    const counted = createDocumentClient();
    const requests = countRequests(counted);
    const operationDeps = { ...deps(clock), operations: new DynamoClientBatchStore(counted), confirmations: new DynamoOperationConfirmations(counted) };

    const preview = await previewClientOperation(operationDeps, partner.partnerId, partner.actor, request);
    requests.byCommand.clear();
    const results = await confirmClientOperation(operationDeps, partner.partnerId, partner.actor, request, preview.confirmation?.token ?? '');
    requests.stop();
    counted.destroy();

    const outcomes = new Map(preview.clients.map((entry) => [entry.clientId, entry.outcome]));
    for (const client of active) expect(outcomes.get(client.id)).toBe('will_block');
    for (const id of [...othersClients.map((client) => client.id), ...unknown]) expect(outcomes.get(id)).toBe('not_found');
    expect(results.map((result) => result.clientId)).toEqual(clientIds);
    const byId = new Map(results.map((result) => [result.clientId, result]));
    for (const client of active) expect(byId.get(client.id)).toEqual({ clientId: client.id, result: 'done', status: 'blocked', signIn: 'refused' });
    for (const client of blocked) expect(byId.get(client.id)).toEqual({ clientId: client.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' });
    for (const client of invited) expect(byId.get(client.id)).toEqual({ clientId: client.id, result: 'skipped', status: 'invited', reason: 'not_active' });
    for (const id of [...othersClients.map((client) => client.id), ...unknown]) expect(byId.get(id)).toEqual({ clientId: id, result: 'not_found' });

    // Batched: transactions packed up to DynamoDB's 100 items (one follow-up record each), reads 100 keys per call.
    const written = requests.transactionSizes.reduce((sum, size) => sum + size, 0);
    expect(Math.max(...requests.transactionSizes)).toBeLessThanOrEqual(100);
    expect(requests.transactionSizes.length).toBeLessThanOrEqual(Math.ceil(written / 100) + 1);
    expect(written).toBe(2 * active.length + requests.transactionSizes.length);
    // Issue 8: about one request per 25 clients. Reads: the clients, then the changed ones again to check the logins set.
    const count = (command: string) => requests.byCommand.get(`${command}Command`) ?? 0;
    expect([...requests.byCommand.keys()].sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand', 'UpdateItemCommand']);
    expect(count('BatchGetItem')).toBeLessThanOrEqual(Math.ceil(clientIds.length / 100) + Math.ceil(active.length / 100));
    // The confirmation: read, then spent.
    expect([count('GetItem'), count('UpdateItem')]).toEqual([1, 1]);
    // The delivered follow-ups: one group per transaction, deleted up to 100 in one transaction.
    expect(requests.deletionSizes).toEqual([requests.transactionSizes.length]);
    expect([...requests.byCommand.values()].reduce((sum, each) => sum + each, 0)).toBeLessThanOrEqual(Math.ceil(clientIds.length / 25) + 10);

    const repository = new DynamoClientRepository(db());
    for (const client of othersClients) expect((await repository.get(other.partnerId, client.id))?.status).toBe('active');
    for (const client of active) {
      expect(await loginEnabled(client.accountId)).toBe(false);
      expect((await auditOf(partner.partnerId, client.id)).at(-1)).toMatchObject({ action: 'block', before: 'active', after: 'blocked', actor: partner.actor });
    }
    const events = (await new LocalEventStore(db()).published()).filter((event) => event.type === 'ClientBlocked' && event.detail.partnerId === partner.partnerId);
    expect(events.map((event) => event.detail.clientId).sort()).toEqual(active.map((client) => client.id).sort());
    expect(await new DynamoClientFollowUpOutbox(db()).dueFollowUps(new Date('2100-01-01T00:00:00Z'), 1000)).toEqual([]);
    // Seeding 500 clients through the real repository takes most of this test's time on a busy machine.
  }, 240_000);

  it('does nothing twice when the confirmation is sent again, and answers the same report', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 3);
    const request = { operation: 'block', clientIds: clients.map((client) => client.id) } as const;
    const preview = await previewClientOperation(deps(clock), partner.partnerId, partner.actor, request);
    const token = preview.confirmation?.token ?? '';
    const first = await confirmClientOperation(deps(clock), partner.partnerId, partner.actor, request, token);

    await expect(confirmClientOperation(deps(clock), partner.partnerId, partner.actor, request, token)).resolves.toEqual(first);

    for (const client of clients) expect((await auditOf(partner.partnerId, client.id)).map((entry) => entry.action)).toEqual(['invite', 'accept', 'block']);
  });

  it('refuses an expired confirmation and changes nothing', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const [client] = await storedClients(db(), clock, partner.partnerId, 'active', 1);
    const request = { operation: 'block', clientIds: [client!.id] } as const;
    const preview = await previewClientOperation(deps(clock), partner.partnerId, partner.actor, request);
    clock.advance(CONFIRMATION_LIFETIME_MS);

    await expect(confirmClientOperation(deps(clock), partner.partnerId, partner.actor, request, preview.confirmation?.token ?? ''))
      .rejects.toMatchObject({ code: 'confirmation_expired' });
    expect((await new DynamoClientRepository(db()).get(partner.partnerId, client!.id))?.status).toBe('active');
  });

  it('retries a cancelled batch client by client, so one client changed meanwhile fails nobody', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 6);
    const [raced] = clients;
    const store = new DynamoClientBatchStore(db());
    const repository = new DynamoClientRepository(db());
    let first = true;
    // Between the confirmation's read and its write, another request blocks one of the clients.
    const racing: ClientBatchStore = Object.assign(Object.create(store) as ClientBatchStore, {
      saveAll: async (changes: Parameters<ClientBatchStore['saveAll']>[0]) => {
        if (first && raced) {
          first = false;
          const current = await repository.get(partner.partnerId, raced.id);
          await repository.save(clientOperationChange('block', current!, undefined, { at: clock.now(), actor: partner.actor, auditId: randomIds.next('aud') }));
        }
        return store.saveAll(changes);
      },
    });

    const results = await previewAndConfirm({ ...deps(clock), operations: racing }, partner, { operation: 'block', clientIds: clients.map((c) => c.id) });

    expect(results[0]).toEqual({ clientId: raced?.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' });
    expect(results.slice(1).map((result) => result.result)).toEqual(clients.slice(1).map(() => 'done'));
    expect((await auditOf(partner.partnerId, raced!.id)).filter((entry) => entry.action === 'block')).toHaveLength(1);
  });
});

describe('unblockClients', () => {
  it('lets a blocked client log in again and publishes ClientUnblocked', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const [client] = await storedClients(db(), clock, partner.partnerId, 'active', 1);
    await previewAndConfirm(deps(clock), partner, { operation: 'block', clientIds: [client!.id] });
    expect(await loginEnabled(client!.accountId)).toBe(false);

    const results = await previewAndConfirm(deps(clock), partner, { operation: 'unblock', clientIds: [client!.id] });

    expect(results).toEqual([{ clientId: client!.id, result: 'done', status: 'active', signIn: 'allowed' }]);
    expect(await loginEnabled(client!.accountId)).toBe(true);
    const events = (await new LocalEventStore(db()).published()).filter((event) => event.detail.clientId === client!.id);
    expect(events.map((event) => event.type)).toEqual(['ClientBlocked', 'ClientUnblocked']);
  });
});

describe('the sign-in gate', () => {
  it('refuses the owner\'s sign-in as soon as the block commits, with no call to deliver, even while the event bus is down', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const [client] = await storedClients(db(), clock, partner.partnerId, 'active', 1);
    const busDown: EventPublisher = { publish: async () => { throw new Error('bus unavailable'); } };

    const results = await previewAndConfirm({ ...deps(clock), events: busDown }, partner, { operation: 'block', clientIds: [client!.id] });

    expect(results).toEqual([{ clientId: client!.id, result: 'done', status: 'blocked', signIn: 'refused' }]);
    expect(await loginEnabled(client!.accountId)).toBe(false);
    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(jobDeps(clock));
    expect(await loginEnabled(client!.accountId)).toBe(false);
    const due = await jobDeps(clock).operations.dueFollowUps(new Date('2100-01-01T00:00:00Z'), 1000);
    expect(due.filter((followUp) => followUp.clientId === client!.id)).toEqual([]);
  });
});

describe('follow-ups stored per transaction', () => {
  const someday = new Date('2100-01-01T00:00:00Z');
  const owedTo = async (partnerId: string) => (await new DynamoClientFollowUpOutbox(db()).dueFollowUps(someday, 1000))
    .filter((followUp) => followUp.partnerId === partnerId);
  const eventsOf = async (clientId: string) => (await new LocalEventStore(db()).published()).filter((event) => event.detail.clientId === clientId);
  /** The changes (with their follow-ups) that block these clients, as the confirmation would write them. */
  const blocking = (clients: readonly Client[], partner: Awaited<ReturnType<typeof newPartner>>, clock: FixedClock) => clients.map((client) => {
    const change = clientOperationChange('block', client, undefined, { at: clock.now(), actor: partner.actor, auditId: randomIds.next('aud') });
    return { change, followUp: clientFollowUp('block', change) };
  });

  it('keeps exactly the follow-ups not delivered when the bus fails for one event, and the job delivers them later', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 5);
    const unreachable = clients[2]!;
    const bus = new LocalEventStore(db());
    const failingForOne: EventPublisher = {
      publish: async (event) => {
        if (event.detail.clientId === unreachable.id) throw new Error('bus unavailable');
        await bus.publish(event);
      },
    };

    const results = await previewAndConfirm({ ...deps(clock), events: failingForOne }, partner, { operation: 'block', clientIds: clients.map((c) => c.id) });

    expect(results.map((result) => result.signIn)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
    const owed = await owedTo(partner.partnerId);
    expect(owed.map((followUp) => [followUp.clientId, followUp.event.type])).toEqual([[unreachable.id, 'ClientBlocked']]);
    expect(await eventsOf(unreachable.id)).toEqual([]);

    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(jobDeps(clock));

    expect(await owedTo(partner.partnerId)).toEqual([]);
    expect((await eventsOf(unreachable.id)).map((event) => event.id)).toEqual([owed[0]?.id]);
  });

  it('delivers every follow-up of a transaction committed without delivery (a crash after the commit) once due, each once', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 4);
    const counted = createDocumentClient();
    const requests = countRequests(counted);
    const changes = blocking(clients, partner, clock);

    const outcomes = await new DynamoClientBatchStore(counted).saveAll(changes);
    requests.stop();
    counted.destroy();

    expect([...outcomes.values()].map((outcome) => outcome.kind)).toEqual(['saved', 'saved', 'saved', 'saved']);
    // One transaction: each client's status and audit entry, and one record holding the four follow-ups.
    expect(requests.transactionSizes).toEqual([4 * 2 + 1]);
    expect(await new DynamoClientFollowUpOutbox(db()).dueFollowUps(clock.now(), 1000)).toEqual([]);

    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(jobDeps(clock));

    for (const [index, client] of clients.entries()) {
      expect(await loginEnabled(client.accountId)).toBe(false);
      expect((await eventsOf(client.id)).map((event) => event.id)).toEqual([changes[index]?.followUp.id]);
    }
    expect(await owedTo(partner.partnerId)).toEqual([]);
  });

  it('removes a stored record completed in parts (the job delivers in chunks): emptied by the completions, deleted by the job\'s next read', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 3);
    const store = new DynamoClientBatchStore(db());
    const saved = [...(await store.saveAll(blocking(clients, partner, clock))).values()].flatMap((outcome) => (outcome.kind === 'saved' ? [outcome.followUp] : []));

    await store.completeFollowUps(saved.slice(0, 1));
    expect((await owedTo(partner.partnerId)).map((followUp) => followUp.id)).toEqual(saved.slice(1).map((followUp) => followUp.id).sort());
    await store.completeFollowUps(saved.slice(0, 2));
    await store.completeFollowUps(saved.slice(2));

    // Read raw: the completions empty the group; reading what is due (the job) deletes it.
    const storedGroup = async () => (await db().send(new QueryCommand({ TableName: physicalTableName('clientFollowUps'), IndexName: FOLLOW_UP_INDEXES.due,
      KeyConditionExpression: 'dueQueue = :queue', ExpressionAttributeValues: { ':queue': FOLLOW_UP_QUEUE } }))).Items?.filter((item) => item.groupId === saved[0]?.id);
    expect((await storedGroup())?.map((item) => item.entries)).toEqual([{}]);
    expect(await owedTo(partner.partnerId)).toEqual([]);
    expect(await storedGroup()).toEqual([]);
  });

  it('lets the sign-in gate follow the newest change when another request unblocks the client right after the block commits', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const [client] = await storedClients(db(), clock, partner.partnerId, 'active', 1);
    const store = new DynamoClientBatchStore(db());
    const repository = new DynamoClientRepository(db());
    const racing: ClientBatchStore = Object.assign(Object.create(store) as ClientBatchStore, {
      saveAll: async (changes: Parameters<ClientBatchStore['saveAll']>[0]) => {
        const outcomes = await store.saveAll(changes);
        const current = await repository.get(partner.partnerId, client!.id);
        await repository.save(clientOperationChange('unblock', current!, undefined, { at: new Date(clock.now().getTime() + 1), actor: partner.actor, auditId: randomIds.next('aud') }));
        return outcomes;
      },
    });

    const results = await previewAndConfirm({ ...deps(clock), operations: racing }, partner, { operation: 'block', clientIds: [client!.id] });

    expect(results).toEqual([{ clientId: client!.id, result: 'done', status: 'blocked', signIn: 'refused' }]);
    expect(await loginEnabled(client!.accountId)).toBe(true);
  });
});

describe('deleteClients', () => {
  it('detaches an invited client: invitation cancelled, account released, hidden from the partner, the cloud account re-invitable', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const { client, invitationToken } = await storedClient(db(), clock, partner.partnerId, 'invited');

    const results = await previewAndConfirm(deps(clock), partner, { operation: 'delete', clientIds: [client.id] });

    expect(results).toEqual([{ clientId: client.id, result: 'done', status: 'detached' }]);
    const repository = new DynamoClientRepository(db());
    expect(await repository.get(partner.partnerId, client.id)).toBeUndefined();
    expect(await repository.findForPartner(partner.partnerId, client.id)).toBeUndefined();
    expect((await new DynamoClientListing(db()).list(partner.partnerId, { limit: 100 })).items).toEqual([]);
    expect(await repository.getInvitation(client.invitation.id)).toMatchObject({ status: 'cancelled' });
    expect(await accountHolder(client.accountId)).toBeUndefined();
    await expect(acceptInvitation(clientTestDeps(db(), clock), invitationToken, await owner(invitationToken))).rejects.toMatchObject({ code: 'invitation_closed' });
    expect((await auditOf(partner.partnerId, client.id)).at(-1)).toMatchObject({ action: 'detach', before: 'invited', after: 'detached' });
    const again = await previewClientOperation(deps(clock), partner.partnerId, partner.actor, { operation: 'delete', clientIds: [client.id] });
    expect(again).toEqual({ operation: 'delete', clients: [{ clientId: client.id, outcome: 'not_found' }] });
  });

  it('decides again for a client whose invitation was accepted while the delete was being prepared', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const { client, invitationToken } = await storedClient(db(), clock, partner.partnerId, 'invited');
    const store = new DynamoClientBatchStore(db());
    let accepted = false;
    const racing: ClientBatchStore = Object.assign(Object.create(store) as ClientBatchStore, {
      saveAll: async (changes: Parameters<ClientBatchStore['saveAll']>[0]) => {
        if (!accepted) {
          accepted = true;
          await acceptInvitation(clientTestDeps(db(), clock), invitationToken, await owner(invitationToken));
          clock.advance(1000);
        }
        return store.saveAll(changes);
      },
    });
    const request = { operation: 'delete', clientIds: [client.id] } as const;
    const preview = await previewClientOperation(deps(clock), partner.partnerId, partner.actor, request);

    const results = await confirmClientOperation({ ...deps(clock), operations: racing }, partner.partnerId, partner.actor, request, preview.confirmation?.token ?? '');

    expect(results).toEqual([{ clientId: client.id, result: 'done', status: 'detached' }]);
    // The detach is dated when the token was spent (what makes a resumed confirmation find it), the
    // accept when it happened: with the same millisecond their order in the trail is not fixed.
    expect((await auditOf(partner.partnerId, client.id)).map((entry) => [entry.action, entry.before, entry.after])).toEqual(expect.arrayContaining([
      ['invite', null, 'invited'], ['accept', 'invited', 'active'], ['detach', 'active', 'detached'],
    ]));
    expect(await new DynamoClientRepository(db()).getInvitation(client.invitation.id)).toMatchObject({ status: 'accepted' });
  });

  it('lets the same partner invite the account again after deleting it, with the same client record', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const accountId = await registerCloudAccount(db());
    const email = uniqueClientEmail();
    const { client } = await addClient(clientTestDeps(db(), clock), partner.partnerId, partner.actor, { email, accountId });
    await previewAndConfirm(deps(clock), partner, { operation: 'delete', clientIds: [client.id] });

    const { client: again, created } = await addClient(clientTestDeps(db(), clock), partner.partnerId, partner.actor, { email, accountId });

    expect(created).toBe(false);
    expect(again).toMatchObject({ id: client.id, status: 'invited', invitation: { status: 'pending' } });
    expect((await new DynamoClientListing(db()).list(partner.partnerId, { limit: 100 })).items.map((c) => c.id)).toEqual([client.id]);
  });

  it('releases the account: another partner\'s invitation can then be accepted', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const other = await newPartner();
    const [client] = await storedClients(db(), clock, partner.partnerId, 'blocked', 1);
    await previewAndConfirm(deps(clock), partner, { operation: 'delete', clientIds: [client!.id] });

    const invited = inviteNewClient(other.partnerId, randomIds.next('cli'), { accountId: client!.accountId, email: uniqueClientEmail() }, {
      id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Other',
    }, { at: clock.now(), actor: other.actor, auditId: randomIds.next('aud') });
    const repository = new DynamoClientRepository(db());
    await repository.save(invited);
    const accepted = closeInvitation(invited.after, invited.invitation!.after, 'accept', { at: clock.now(), actor: other.actor, auditId: randomIds.next('aud') });
    await repository.save(accepted);

    expect(await accountHolder(client!.accountId)).toBe(invited.after.id);
    // Detached from its partner, the account's console login is no longer held blocked.
    expect(await loginEnabled(client!.accountId)).toBe(true);
  });
});

describe('concurrent block and delete of the same clients', () => {
  it('ends detached, with an audit trail whose entries chain and match the reported results', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 8);
    const clientIds = clients.map((client) => client.id);
    // The delete's clock runs 1 ms ahead, so the audit trail (ordered by time) shows the real order of the two.
    const deleteClock = new FixedClock(new Date(clock.now().getTime() + 1));
    const run = async (operation: ClientOperation, at: FixedClock) => {
      const request = { operation, clientIds };
      const preview = await previewClientOperation(deps(at), partner.partnerId, partner.actor, request);
      return () => confirmClientOperation(deps(at), partner.partnerId, partner.actor, request, preview.confirmation?.token ?? '');
    };
    const [block, remove] = await Promise.all([run('block', clock), run('delete', deleteClock)]);

    const [blocked, deleted] = await Promise.all([block(), remove()]);

    expect(deleted.map((result) => result.result)).toEqual(clientIds.map(() => 'done'));
    for (const [index, client] of clients.entries()) {
      const trail = (await auditOf(partner.partnerId, client.id)).slice(2);
      const blockResult = blocked[index]?.result;
      expect(blockResult === 'done' || blockResult === 'not_found').toBe(true);
      expect(trail.map((entry) => entry.action)).toEqual(blockResult === 'done' ? ['block', 'detach'] : ['detach']);
      expect(trail[0]?.before).toBe('active');
      for (let i = 1; i < trail.length; i += 1) expect(trail[i]?.before).toBe(trail[i - 1]?.after);
      expect(trail.at(-1)?.after).toBe('detached');
      expect(await accountHolder(client.accountId)).toBeUndefined();
    }
    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(jobDeps(clock));
    for (const client of clients) expect(await loginEnabled(client.accountId)).toBe(true);
  });
});

describe('DynamoOperationConfirmations', () => {
  it('lets exactly one of many concurrent uses of a token through, and none once it has expired', async () => {
    const confirmations = new DynamoOperationConfirmations(db());
    const now = testClock().now();
    const issue = async (tokenHash: string) => confirmations.issue({
      tokenHash, partnerId: 'ptn_1', operation: 'block', clientSetDigest: 'digest', issuedBy: 'usr_1', expiresAt: new Date(now.getTime() + 1000),
    });
    const fresh = randomIds.next('hash');
    const stale = randomIds.next('hash');
    await Promise.all([issue(fresh), issue(stale)]);

    const uses = await Promise.all(Array.from({ length: 10 }, () => confirmations.consume(fresh, now)));

    expect(uses.filter(Boolean)).toHaveLength(1);
    expect((await confirmations.find(fresh))?.usedAt).toEqual(now);
    expect(await confirmations.consume(stale, new Date(now.getTime() + 1000))).toBe(false);
    await expect(confirmations.issue({
      tokenHash: fresh, partnerId: 'ptn_2', operation: 'delete', clientSetDigest: 'x', issuedBy: 'usr_2', expiresAt: now,
    })).rejects.toThrow();
  });
});

describe('the completion of a bulk operation', () => {
  it('is stored and published once when two requests of one confirmation run at once, with the confirmation marked completed', async () => {
    const clock = testClock();
    const partner = await newPartner();
    const clients = await storedClients(db(), clock, partner.partnerId, 'active', 6);
    const request = { operation: 'block', clientIds: clients.map((client) => client.id) } as const;
    const preview = await previewClientOperation(deps(clock), partner.partnerId, partner.actor, request);
    const token = preview.confirmation?.token ?? '';

    const answers = await Promise.all([1, 2].map(() => confirmClientOperation(deps(clock), partner.partnerId, partner.actor, request, token, { bulk: true })));
    clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps(jobDeps(clock));

    expect(answers[0]).toEqual(answers[1]);
    const completions = (await new LocalEventStore(db()).published())
      .filter((event) => event.type === 'BulkClientOperationCompleted' && event.detail.partnerId === partner.partnerId);
    expect(completions.map((event) => [event.id, event.detail.counts])).toEqual([
      [operationConfirmationId(hashSecretToken(token)), { done: 6, skipped: 0, notFound: 0, failed: 0 }],
    ]);
    // The confirmation is marked: recording it again stores nothing.
    const [completion] = completions;
    const again = { id: `${completion!.id}_again`, partnerId: partner.partnerId, event: completion!, dueAt: clock.now() };
    expect(await new DynamoClientBatchStore(db()).recordCompletion(hashSecretToken(token), again)).toBeUndefined();
    expect(await new DynamoClientFollowUpOutbox(db()).dueFollowUps(new Date('2100-01-01T00:00:00Z'), 1000)).toEqual([]);
  });
});
