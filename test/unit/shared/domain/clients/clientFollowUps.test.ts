import { deliverFollowUps } from '../../../../../shared/domain/clients/clientFollowUps';
import type { ClientBatchStore, StoredFollowUp } from '../../../../../shared/ports/ClientBatchStore';
import type { DomainEvent, EventPublisher } from '../../../../../shared/ports/EventPublisher';

/** The part of the store a delivery uses, in memory: the follow-ups still owed. */
class FollowUpStore implements Pick<ClientBatchStore, 'completeFollowUps'> {
  public readonly owed = new Set<string>();

  public async completeFollowUps(followUps: readonly StoredFollowUp[]): Promise<void> {
    for (const followUp of followUps) this.owed.delete(followUp.id);
  }
}

class Bus implements EventPublisher {
  public readonly published: DomainEvent[] = [];
  public readonly failFor = new Set<string>();

  public async publish(event: DomainEvent): Promise<void> {
    if (this.failFor.has(event.id)) throw new Error('bus unavailable');
    this.published.push(event);
  }
}

function followUp(id: string): StoredFollowUp {
  const at = new Date('2026-03-01T10:00:00Z');
  return {
    id, partnerId: 'ptn_1', clientId: `cli_${id}`, accountId: 'acc-1', dueAt: at,
    event: { id, type: 'ClientBlocked', at, detail: { clientId: `cli_${id}` } },
    storedIn: 'aud_1/2',
  };
}

function setUp(followUps: StoredFollowUp[]) {
  const store = new FollowUpStore();
  for (const each of followUps) store.owed.add(each.id);
  const events = new Bus();
  const deps = { operations: store as unknown as ClientBatchStore, events };
  return { store, events, deliver: () => deliverFollowUps(deps, followUps) };
}

describe('deliverFollowUps', () => {
  it('publishes every event and removes what was published', async () => {
    const { store, events, deliver } = setUp([followUp('aud_1'), followUp('aud_2')]);

    const delivery = await deliver();

    expect(events.published.map((event) => event.id)).toEqual(['aud_1', 'aud_2']);
    expect(delivery).toEqual({ delivered: new Set(['aud_1', 'aud_2']), failures: 0 });
    expect(store.owed.size).toBe(0);
  });

  it('keeps the follow-up whose event could not be published, for the job', async () => {
    const { store, events, deliver } = setUp([followUp('aud_1'), followUp('aud_2')]);
    events.failFor.add('aud_2');

    const delivery = await deliver();

    expect(delivery).toEqual({ delivered: new Set(['aud_1']), failures: 1 });
    expect(store.owed).toEqual(new Set(['aud_2']));
  });
});
