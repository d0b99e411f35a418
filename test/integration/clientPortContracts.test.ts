import { DynamoClientBatchStore } from '../../shared/adapters/dynamodb/DynamoClientBatchStore';
import { DynamoClientFollowUpOutbox } from '../../shared/adapters/dynamodb/DynamoClientFollowUpOutbox';
import { DynamoClientListing } from '../../shared/adapters/dynamodb/DynamoClientListing';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoOperationConfirmations } from '../../shared/adapters/dynamodb/DynamoOperationConfirmations';
import type { Client } from '../../shared/domain/clients/Client';
import type { ClientChange } from '../../shared/domain/clients/ClientChange';
import { clientFollowUp, clientOperationChange, FOLLOW_UP_GRACE_MS } from '../../shared/domain/clients/decideClientOperation';
import { closeInvitation, inviteNewClient, reinviteClient, renewInvitation } from '../../shared/domain/clients/invitationChanges';
import { INVITATION_LIFETIME_MS } from '../../shared/domain/clients/Invitation';
import { ConcurrentChangeError } from '../../shared/domain/ConcurrentChange';
import { ConflictError } from '../../shared/domain/errors';
import { randomIds } from '../../shared/domain/IdGenerator';
import type { ClientBatchStore, ClientFollowUpOutbox } from '../../shared/ports/ClientBatchStore';
import type { ClientListing, ClientRepository } from '../../shared/ports/ClientRepository';
import type { OperationConfirmations } from '../../shared/ports/OperationConfirmations';
import { accountLock, newCloudAccountId } from '../support/clientFixtures';
import { InMemoryClientBatchStore } from '../support/fakes/InMemoryClientBatchStore';
import { InMemoryClientRepository } from '../support/fakes/InMemoryClientRepository';
import { InMemoryClientTables } from '../support/fakes/InMemoryClientTables';
import { InMemoryOperationConfirmations } from '../support/fakes/InMemoryOperationConfirmations';
import { useLocalTables } from '../support/localTables';
import { useStreamConsumers } from '../support/streamConsumers';

/**
 * The same contract cases against the DynamoDB adapters (on DynamoDB Local) and the in-memory fakes
 * the unit tests use, so a fake that drifts from its adapter fails here.
 */
const tables = useLocalTables();
const stream = useStreamConsumers();

interface ClientPorts {
  readonly clients: ClientRepository;
  readonly listing: ClientListing;
  readonly operations: ClientBatchStore;
  readonly followUps: ClientFollowUpOutbox;
  readonly confirmations: OperationConfirmations;
  /** The client holding a cloud account's lock, if any. */
  holderOf(accountId: string): Promise<unknown>;
  /** Waits until what follows the clients (the search index, through the change stream on DynamoDB) has caught up. */
  settle(): Promise<void>;
}

const implementations: ReadonlyArray<readonly [string, () => ClientPorts]> = [
  ['the DynamoDB adapters', () => {
    const db = tables.documentClient();
    return {
      clients: new DynamoClientRepository(db),
      listing: new DynamoClientListing(db),
      operations: new DynamoClientBatchStore(db),
      followUps: new DynamoClientFollowUpOutbox(db),
      confirmations: new DynamoOperationConfirmations(db),
      holderOf: async (accountId) => (await accountLock(db, accountId))?.clientId,
      settle: stream.drain,
    };
  }],
  ['the in-memory fakes', () => {
    const shared = new InMemoryClientTables();
    const operations = new InMemoryClientBatchStore(shared);
    const clients = new InMemoryClientRepository(shared);
    return {
      clients,
      listing: clients,
      operations,
      followUps: operations,
      confirmations: new InMemoryOperationConfirmations(),
      holderOf: async (accountId) => shared.locks.get(accountId)?.clientId,
      // The fake searches the clients themselves: nothing to catch up.
      settle: async () => undefined,
    };
  }],
];

/** Real time: DynamoDB Local deletes confirmations whose time to live has passed. */
const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const partnerActor = { kind: 'partner', id: 'usr_contract' } as const;
const context = (at: Date) => ({ at, actor: partnerActor, auditId: randomIds.next('aud') });

/** A new invited client (not yet saved) of a fresh partner, for a fresh account unless one is given. */
function invitation(at: Date, accountId: string | undefined = newCloudAccountId(), partnerId = randomIds.next('ptn')) {
  return inviteNewClient(partnerId, randomIds.next('cli'), { accountId, email: `${randomIds.next('mail')}@example.com` }, {
    id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Contract IT',
  }, context(at));
}

/** Saves an invitation and its acceptance: the client active, holding its account. */
async function activeClient(ports: ClientPorts, at: Date, accountId?: string): Promise<Client> {
  const invited = invitation(at, accountId);
  await ports.clients.save(invited);
  const accepted = closeInvitation(invited.after, invited.invitation!.after, 'accept', context(at));
  await ports.clients.save(accepted);
  return accepted.after;
}

describe.each(implementations)('client ports: %s', (_, portsOf) => {
  it('creates one client record per partner and account: a second one is a concurrent change and writes nothing', async () => {
    const ports = portsOf();
    const first = invitation(now());
    await ports.clients.save(first);
    const second = invitation(now(), first.after.accountId, first.after.partnerId);

    await expect(ports.clients.save(second)).rejects.toBeInstanceOf(ConcurrentChangeError);

    expect((await ports.clients.findByAccount(first.after.partnerId, first.after.accountId!))?.id).toBe(first.after.id);
    expect(await ports.clients.get(first.after.partnerId, second.after.id)).toBeUndefined();
    expect(await ports.clients.getInvitation(second.invitation!.after.id)).toBeUndefined();
  });

  it('writes a change only onto the version it was decided on', async () => {
    const ports = portsOf();
    const invited = invitation(now());
    await ports.clients.save(invited);
    const cancelled = closeInvitation(invited.after, invited.invitation!.after, 'cancel', context(now()));
    await ports.clients.save(cancelled);
    const declined = closeInvitation(invited.after, invited.invitation!.after, 'decline', context(now()));

    await expect(ports.clients.save(declined)).rejects.toBeInstanceOf(ConcurrentChangeError);

    expect(await ports.clients.get(invited.after.partnerId, invited.after.id)).toEqual(cancelled.after);
    expect((await ports.clients.getInvitation(invited.invitation!.after.id))?.status).toBe('cancelled');
  });

  it('refuses to take an account another client serves as account_served, writing nothing', async () => {
    const ports = portsOf();
    const serving = await activeClient(ports, now());
    const other = invitation(now(), serving.accountId);
    await ports.clients.save(other);

    await expect(ports.clients.save(closeInvitation(other.after, other.invitation!.after, 'accept', context(now()))))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'account_served' });

    expect(await ports.holderOf(serving.accountId!)).toBe(serving.id);
    expect(await ports.clients.get(other.after.partnerId, other.after.id)).toEqual(other.after);
  });

  it('hides a detached client from get yet finds it by account, and releases its account', async () => {
    const ports = portsOf();
    const active = await activeClient(ports, now());
    const detached = clientOperationChange('delete', active, undefined, context(now()));
    await ports.clients.save(detached);

    expect(await ports.clients.get(active.partnerId, active.id)).toBeUndefined();
    expect(await ports.clients.findForPartner(active.partnerId, active.id)).toBeUndefined();
    expect(await ports.clients.findByAccount(active.partnerId, active.accountId!)).toEqual(detached.after);
    expect(await ports.holderOf(active.accountId!)).toBeUndefined();
    expect(await ports.operations.clientsByIds(active.partnerId, [active.id, 'cli_unknown'])).toEqual([detached.after]);
    expect(await ports.operations.clientsByIds(randomIds.next('ptn'), [active.id])).toEqual([]);
  });

  it('follows a replaced token to its renewed invitation', async () => {
    const ports = portsOf();
    const invited = invitation(now());
    await ports.clients.save(invited);
    const renewed = renewInvitation(invited.after, invited.invitation!.after, randomIds.next('hash'), context(now()));
    await ports.clients.save(renewed);

    expect(await ports.clients.invitationForToken(invited.invitation!.after.tokenHash)).toEqual(renewed.invitation?.after);
    expect(await ports.clients.invitationForToken(randomIds.next('hash'))).toBeUndefined();
  });

  it('records the mail of an invitation accepted meanwhile, once, and a writer that read the client before loses its race', async () => {
    const ports = portsOf();
    const invited = invitation(now());
    await ports.clients.save(invited);
    const accepted = closeInvitation(invited.after, invited.invitation!.after, 'accept', context(now()));
    await ports.clients.save(accepted);

    const recorded = await ports.clients.recordMailDelivery(invited.after, 'sent');

    const sent = { ...accepted.after, version: accepted.after.version + 1, invitation: { ...accepted.after.invitation, mail: 'sent' } };
    expect(recorded).toEqual(sent);
    expect(await ports.clients.recordMailDelivery(invited.after, 'failed')).toEqual(sent);
    await expect(ports.clients.save(clientOperationChange('block', accepted.after, undefined, context(now()))))
      .rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(await ports.clients.get(invited.after.partnerId, invited.after.id)).toEqual(sent);
  });

  it('leaves the mail status of a resend alone when the earlier mail is recorded late', async () => {
    const ports = portsOf();
    const invited = invitation(now());
    await ports.clients.save(invited);
    // A resend moves the expiry (a second later: this test's clock counts whole seconds).
    const resent = renewInvitation(invited.after, invited.invitation!.after, randomIds.next('hash'), context(new Date(now().getTime() + 1000)));
    await ports.clients.save(resent);

    expect(await ports.clients.recordMailDelivery(invited.after, 'failed')).toEqual(resent.after);
    expect(await ports.clients.get(invited.after.partnerId, invited.after.id)).toEqual(resent.after);
    const recorded = await ports.clients.recordMailDelivery(resent.after, 'sent');
    expect(recorded).toEqual({ ...resent.after, version: resent.after.version + 1, invitation: { ...resent.after.invitation, mail: 'sent' } });
  });

  it('leaves the mail status of a new invitation alone when the mail of the closed one is recorded late', async () => {
    const ports = portsOf();
    const invited = invitation(now());
    await ports.clients.save(invited);
    const declined = closeInvitation(invited.after, invited.invitation!.after, 'decline', context(now()));
    await ports.clients.save(declined);
    const issued = { id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Contract IT' };
    const reinvited = reinviteClient(declined.after, { accountId: invited.after.accountId, email: invited.after.email }, issued, context(now()));
    await ports.clients.save(reinvited);

    expect(await ports.clients.recordMailDelivery(invited.after, 'sent')).toEqual(reinvited.after);
    expect(await ports.clients.get(invited.after.partnerId, invited.after.id)).toEqual(reinvited.after);
  });

  it('lists overdue invitations, owes a notice once expired, and lets one lease holder complete it', async () => {
    const ports = portsOf();
    const invited = invitation(new Date(now().getTime() - INVITATION_LIFETIME_MS));
    await ports.clients.save(invited);
    const id = invited.invitation!.after.id;
    const ours = <T extends { id?: string; invitationId?: string }>(items: readonly T[]) => items.filter((item) => (item.id ?? item.invitationId) === id);

    expect(ours(await ports.clients.overdueInvitations(new Date(invited.invitation!.after.expiresAt.getTime() - 1), 1000))).toEqual([]);
    expect(ours(await ports.clients.overdueInvitations(now(), 1000))).toEqual([invited.invitation?.after]);
    const expiredAt = now();
    await ports.clients.save(closeInvitation(invited.after, invited.invitation!.after, 'expire', context(expiredAt)));
    expect(ours(await ports.clients.overdueInvitations(now(), 1000))).toEqual([]);
    const [notice] = ours(await ports.clients.duePartnerNotices(now(), 1000));
    expect(notice).toEqual({ invitationId: id, dueAt: expiredAt });

    const lease = new Date(expiredAt.getTime() + 60_000);
    expect(await ports.clients.claimPartnerNotice(notice!, lease)).toBe(true);
    expect(await ports.clients.claimPartnerNotice(notice!, new Date(lease.getTime() + 1))).toBe(false);
    expect(ours(await ports.clients.duePartnerNotices(now(), 1000))).toEqual([]);
    await ports.clients.completePartnerNotice(id, new Date(lease.getTime() + 1));
    expect(ours(await ports.clients.duePartnerNotices(lease, 1000))).toEqual([{ invitationId: id, dueAt: lease }]);
    await ports.clients.completePartnerNotice(id, lease);
    expect(ours(await ports.clients.duePartnerNotices(new Date(lease.getTime() + 1), 1000))).toEqual([]);
  });

  it('saves each client of a batch on its own: a stale one conflicts, the others are saved with follow-ups completed in parts', async () => {
    const ports = portsOf();
    const at = now();
    const clients = [await activeClient(ports, at), await activeClient(ports, at), await activeClient(ports, at)];
    const stale = clients[0]!;
    await ports.clients.save(clientOperationChange('block', stale, undefined, context(at)));
    const changes = clients.map((client) => {
      const change: ClientChange = clientOperationChange('block', client, undefined, context(at));
      return { change, followUp: clientFollowUp('block', change) };
    });

    const outcomes = await ports.operations.saveAll(changes);

    expect(outcomes.get(stale.id)).toEqual({ kind: 'conflict' });
    const saved = clients.slice(1).map((client) => outcomes.get(client.id));
    expect(saved.map((outcome) => outcome?.kind)).toEqual(['saved', 'saved']);
    const owed = async (when: Date) => (await ports.followUps.dueFollowUps(when, 1000))
      .filter((followUp) => clients.some((client) => client.id === followUp.clientId));
    expect(await owed(at)).toEqual([]);
    const due = new Date(at.getTime() + FOLLOW_UP_GRACE_MS);
    expect((await owed(due)).map((followUp) => followUp.id).sort()).toEqual(changes.slice(1).map(({ followUp }) => followUp.id).sort());
    const [first] = await owed(due);
    await ports.operations.completeFollowUps([first!]);
    expect((await owed(due)).map((followUp) => followUp.id)).toEqual(changes.slice(1).map(({ followUp }) => followUp.id).filter((id) => id !== first!.id));
    await ports.operations.completeFollowUps(await owed(due));
    expect(await owed(due)).toEqual([]);
  });

  it('lists the partner\'s attached clients newest first, by status and by the start of their words, a page at a time', async () => {
    const ports = portsOf();
    const partnerId = randomIds.next('ptn');
    const at = now();
    const added: Client[] = [];
    for (const [index, name] of ['Anna Petrova', 'Boris Ivanov', 'Anna Sidorova', 'Anna Deleted'].entries()) {
      const invited = inviteNewClient(partnerId, randomIds.next('cli'), { email: `${randomIds.next('mail')}@example.com`, name }, {
        id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Contract IT',
      }, context(new Date(at.getTime() + index * 1000)));
      await ports.clients.save(invited);
      added.push(invited.after);
    }
    const [petrova, ivanov, sidorova, deleted] = added;
    const declined = closeInvitation(ivanov!, (await ports.clients.getInvitation(ivanov!.invitation.id))!, 'decline', context(at));
    await ports.clients.save(declined);
    await ports.clients.save(clientOperationChange('delete', deleted!, (await ports.clients.getInvitation(deleted!.invitation.id))!, context(at)));
    const ids = (page: { items: readonly Client[] }) => page.items.map((client) => client.id);

    const first = await ports.listing.list(partnerId, { limit: 2 });
    const second = await ports.listing.list(partnerId, { limit: 2, cursor: first.nextCursor });

    expect(ids(first)).toEqual([sidorova!.id, ivanov!.id]);
    expect(ids(second)).toEqual([petrova!.id]);
    expect(second.nextCursor).toBeUndefined();
    expect(ids(await ports.listing.list(partnerId, { limit: 10, statuses: ['declined'] }))).toEqual([ivanov!.id]);
    await ports.settle();
    expect(ids(await ports.listing.list(partnerId, { limit: 10, search: 'ANNA' }))).toEqual([sidorova!.id, petrova!.id]);
    expect(ids(await ports.listing.list(partnerId, { limit: 10, search: 'anna  sid' }))).toEqual([sidorova!.id]);
    expect(ids(await ports.listing.list(randomIds.next('ptn'), { limit: 10 }))).toEqual([]);
  });

  it('spends a confirmation once and never after its expiry, and issues a token hash once', async () => {
    const ports = portsOf();
    const at = now();
    const issue = (tokenHash: string) => ports.confirmations.issue({
      tokenHash, partnerId: 'ptn_1', operation: 'block', clientSetDigest: 'digest', issuedBy: 'usr_1', expiresAt: new Date(at.getTime() + 60_000),
    });
    const [fresh, late] = [randomIds.next('hash'), randomIds.next('hash')];
    await issue(fresh);
    await issue(late);

    expect(await ports.confirmations.consume(fresh, at)).toBe(true);
    expect(await ports.confirmations.consume(fresh, at)).toBe(false);
    expect((await ports.confirmations.find(fresh))?.usedAt).toEqual(at);
    expect(await ports.confirmations.consume(late, new Date(at.getTime() + 60_000))).toBe(false);
    expect(await ports.confirmations.consume(randomIds.next('hash'), at)).toBe(false);
    await expect(issue(fresh)).rejects.toThrow();
  });
});
