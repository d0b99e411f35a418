import type { Client, ClientStatus } from '../../../../../shared/domain/clients/Client';
import { deliverFollowUps } from '../../../../../shared/domain/clients/clientFollowUps';
import type { AccountDirectory } from '../../../../../shared/ports/AccountDirectory';
import type { ClientOperationStore, StoredFollowUp } from '../../../../../shared/ports/ClientOperationStore';
import type { DomainEvent, EventPublisher } from '../../../../../shared/ports/EventPublisher';

/** The parts of the store a delivery uses, in memory: wanted login per account, who holds it, stored follow-ups. */
class FollowUpStore implements Pick<ClientOperationStore, 'loginStates' | 'heldLoginStates' | 'completeFollowUps'> {
  public readonly wanted = new Map<string, boolean>();
  /** The account each client holds now. */
  public readonly holding = new Map<string, string>();
  public readonly owed = new Set<string>();
  /** The store's reads, in order. */
  public readonly reads: string[] = [];
  /** Runs once, right after the first read of the wanted logins (a change committed meanwhile). */
  public afterFirstRead: (() => void) | undefined;

  public async loginStates(accountIds: readonly string[]): Promise<Map<string, boolean>> {
    this.reads.push(`loginStates ${accountIds.join(',')}`);
    const states = new Map(accountIds.map((accountId) => [accountId, this.wanted.get(accountId) ?? true]));
    const hook = this.afterFirstRead;
    this.afterFirstRead = undefined;
    hook?.();
    return states;
  }

  public async heldLoginStates(clients: ReadonlyArray<Pick<Client, 'partnerId' | 'id'>>): Promise<Map<string, boolean>> {
    this.reads.push(`heldLoginStates ${clients.map((client) => client.id).join(',')}`);
    return new Map(clients.flatMap((client) => {
      const accountId = this.holding.get(client.id);
      return accountId ? [[accountId, this.wanted.get(accountId) ?? true] as const] : [];
    }));
  }

  public async completeFollowUps(followUps: readonly StoredFollowUp[]): Promise<void> {
    for (const followUp of followUps) this.owed.delete(followUp.id);
  }
}

class Directory implements Pick<AccountDirectory, 'setClientLoginEnabled'> {
  public readonly logins = new Map<string, boolean>();
  public failFor = new Set<string>();

  public async setClientLoginEnabled(accountId: string, enabled: boolean): Promise<void> {
    if (this.failFor.has(accountId)) throw new Error('directory unavailable');
    this.logins.set(accountId, enabled);
  }
}

class Bus implements EventPublisher {
  public readonly published: DomainEvent[] = [];

  public async publish(event: DomainEvent): Promise<void> {
    this.published.push(event);
  }
}

function followUp(id: string, accountId: string, syncLogin: boolean): StoredFollowUp {
  const at = new Date('2026-03-01T10:00:00Z');
  return {
    id, partnerId: 'ptn_1', clientId: `cli_${id}`, accountId, syncLogin, dueAt: at,
    event: { id, type: syncLogin ? 'ClientBlocked' : 'ClientDetached', at, detail: { clientId: `cli_${id}` } },
    storedIn: 'aud_1/2',
  };
}

/** The client a follow-up's change left in `status`. */
function committed(of: StoredFollowUp, status: ClientStatus): Client {
  return { id: of.clientId, partnerId: of.partnerId, accountId: of.accountId, status } as Client;
}

function setUp(followUps: StoredFollowUp[], clients?: Client[]) {
  const store = new FollowUpStore();
  for (const each of followUps) store.owed.add(each.id);
  const directory = new Directory();
  const events = new Bus();
  const deps = { operations: store as unknown as ClientOperationStore, directory: directory as unknown as AccountDirectory, events };
  return { store, directory, events, deliver: () => deliverFollowUps(deps, followUps, clients) };
}

describe('deliverFollowUps', () => {
  it('publishes every event, sets each login to what the account\'s state says now, and removes what is done', async () => {
    const blocked = followUp('aud_1', 'acc-1', true);
    const detached = followUp('aud_2', 'acc-2', false);
    const { store, directory, events, deliver } = setUp([blocked, detached]);
    store.wanted.set('acc-1', false);

    const delivery = await deliver();

    expect(events.published.map((event) => event.id)).toEqual(['aud_1', 'aud_2']);
    expect(directory.logins).toEqual(new Map([['acc-1', false]]));
    expect([...delivery.delivered].sort()).toEqual(['aud_1', 'aud_2']);
    expect(delivery.loginsApplied).toEqual(new Set(['acc-1']));
    expect(store.owed.size).toBe(0);
  });

  it('keeps the follow-up of an account whose login could not be set, and still publishes its event', async () => {
    const blocked = followUp('aud_1', 'acc-1', true);
    const { store, directory, events, deliver } = setUp([blocked]);
    store.wanted.set('acc-1', false);
    directory.failFor.add('acc-1');

    const delivery = await deliver();

    expect(events.published).toHaveLength(1);
    expect(delivery).toMatchObject({ failures: 1, delivered: new Set(), loginsApplied: new Set() });
    expect(store.owed).toEqual(new Set(['aud_1']));
  });

  it('keeps the follow-up when the account\'s wanted login moved while it was being set (a newer change settles it)', async () => {
    const blocked = followUp('aud_1', 'acc-1', true);
    const { store, deliver } = setUp([blocked]);
    store.wanted.set('acc-1', false);
    store.afterFirstRead = () => store.wanted.set('acc-1', true);

    const delivery = await deliver();

    expect(delivery.loginsApplied).toEqual(new Set());
    expect(store.owed).toEqual(new Set(['aud_1']));
  });

  describe('in the request that committed the changes', () => {
    it('sets each login to the status just committed without reading first, and checks it through the clients that hold the accounts', async () => {
      const blocked = followUp('aud_1', 'acc-1', true);
      const { store, directory, deliver } = setUp([blocked], [committed(blocked, 'blocked')]);
      store.wanted.set('acc-1', false);
      store.holding.set(blocked.clientId, 'acc-1');

      const delivery = await deliver();

      expect(directory.logins).toEqual(new Map([['acc-1', false]]));
      expect(store.reads).toEqual([`heldLoginStates ${blocked.clientId}`]);
      expect(delivery.loginsApplied).toEqual(new Set(['acc-1']));
      expect(store.owed.size).toBe(0);
    });

    it('keeps the follow-up of an account whose client changed again after the commit (the job sets it from the state then)', async () => {
      const blocked = followUp('aud_1', 'acc-1', true);
      const { store, directory, deliver } = setUp([blocked], [committed(blocked, 'blocked')]);
      store.wanted.set('acc-1', true);
      store.holding.set(blocked.clientId, 'acc-1');

      const delivery = await deliver();

      expect(directory.logins).toEqual(new Map([['acc-1', false]]));
      expect(delivery.loginsApplied).toEqual(new Set());
      expect(store.owed).toEqual(new Set(['aud_1']));
    });

    it('keeps the follow-up when its client no longer holds the account', async () => {
      const unblocked = followUp('aud_1', 'acc-1', true);
      const { store, deliver } = setUp([unblocked], [committed(unblocked, 'active')]);

      const delivery = await deliver();

      expect(delivery.loginsApplied).toEqual(new Set());
      expect(store.owed).toEqual(new Set(['aud_1']));
    });

    it('checks the login of an account its client released (a delete) through the account locks', async () => {
      const detached = followUp('aud_1', 'acc-1', true);
      const { store, directory, deliver } = setUp([detached], [committed(detached, 'detached')]);

      const delivery = await deliver();

      expect(directory.logins).toEqual(new Map([['acc-1', true]]));
      expect(store.reads).toEqual(['loginStates acc-1']);
      expect(delivery.loginsApplied).toEqual(new Set(['acc-1']));
      expect(store.owed.size).toBe(0);
    });
  });
});
