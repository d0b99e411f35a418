import { FixedClock } from '../../../../../shared/domain/Clock';
import { consumeQueuedMessage, jobMessageBody, queuedMessageOf } from '../../../../../shared/domain/webhooks/consumeDeliveryQueue';
import { WEBHOOK_EVENT_OF_DOMAIN_EVENT } from '../../../../../shared/domain/webhooks/deliverWebhookEvents';
import { queues } from '../../../../../shared/routeTable';
import { registerEndpoint, WEBHOOK_REPLAY_EVENT } from '../../../../../shared/domain/webhooks/manageWebhooks';
import { InMemoryDeliveryQueue } from '../../../../support/fakes/InMemoryDeliveryQueue';
import { InMemoryWebhookStore, RecordingWebhookTransport } from '../../../../support/fakes/InMemoryWebhookStore';
import { SequentialIds } from '../../../../support/fakes/SequentialIds';

function world() {
  const clock = new FixedClock('2026-12-06T09:00:00.000Z');
  const store = new InMemoryWebhookStore();
  const transport = new RecordingWebhookTransport();
  const queue = new InMemoryDeliveryQueue();
  const disabled: string[] = [];
  const deps = { store, transport, clock, ids: new SequentialIds(), allowLoopback: false, queue, onDisabled: async (_p: string, id: string) => { disabled.push(id); } };
  return { deps, clock, store, transport, queue, disabled };
}

/** The body EventBridge's SQS target gives the queue: the whole event envelope. */
const busBody = JSON.stringify({
  version: '0', id: 'eb-1', 'detail-type': 'ClientBlocked', source: 'partnerdesk', time: '2026-12-06T08:59:00Z',
  detail: { id: 'aud_1', partnerId: 'ptn_1', clientId: 'cli_1', before: 'active', after: 'blocked' },
});

/** Runs queued messages as SQS would: each after its delay, by moving the clock. */
async function drain(w: ReturnType<typeof world>, onEach: () => void = () => undefined): Promise<void> {
  for (let entry = w.queue.take(); entry; entry = w.queue.take()) {
    w.clock.advance(entry.delaySeconds * 1000);
    onEach();
    await consumeQueuedMessage(w.deps, queuedMessageOf(jobMessageBody(entry.job))!);
  }
}

describe('consumeQueuedMessage', () => {
  it('fans a bus event out into one queued job per subscribed endpoint, each delivered once with the event id as webhook-id', async () => {
    const w = world();
    await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    await registerEndpoint(w.deps, 'ptn_1', { url: 'https://b.example.com/h', events: ['client.blocked'] });

    await consumeQueuedMessage(w.deps, queuedMessageOf(busBody)!);
    expect(w.queue.queued.map((entry) => [entry.job.endpointId, entry.delaySeconds])).toEqual([['whe_1', 0], ['whe_2', 0]]);
    await drain(w);

    expect(w.transport.received.map((sent) => [sent.url, sent.headers['webhook-id']])).toEqual([
      ['https://a.example.com/h', 'aud_1'], ['https://b.example.com/h', 'aud_1'],
    ]);
  });

  it('queues a failed attempt again with its backoff in hops of at most 900 s, and delivers the same webhook-id once the receiver recovers', async () => {
    const w = world();
    await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    await consumeQueuedMessage(w.deps, queuedMessageOf(busBody)!);
    w.transport.status = 500;
    await drain(w, () => {
      if (w.transport.received.length === 4) w.transport.status = 200;
    });

    const ids = new Set(w.transport.received.map((sent) => sent.headers['webhook-id']));
    expect(ids).toEqual(new Set(['aud_1']));
    expect(w.transport.received.length).toBe(5);
    expect((await w.store.attempts('ptn_1', 'whe_1')).map((attempt) => attempt.outcome)).toEqual(['succeeded', 'failed', 'failed', 'failed', 'failed']);
  });

  it('disables an endpoint that fails for 24 h, tells the caller, and drops its jobs', async () => {
    const w = world();
    await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    await consumeQueuedMessage(w.deps, queuedMessageOf(busBody)!);
    w.transport.status = 500;
    await drain(w);
    expect(w.disabled).toEqual([]);
    // The endpoint keeps failing: a later event a day after the first failure disables it.
    w.clock.advance(24 * 3600 * 1000);
    await consumeQueuedMessage(w.deps, queuedMessageOf(busBody)!);
    await drain(w);
    expect(w.disabled).toEqual(['whe_1']);
    expect((await w.store.endpoint('ptn_1', 'whe_1'))?.status).toBe('disabled');
  });

  it('reads neither a malformed body nor an unknown shape as a message', () => {
    expect(queuedMessageOf('not json')).toBeUndefined();
    expect(queuedMessageOf('{"hello":1}')).toBeUndefined();
  });
});

describe('the webhook queue\'s rule', () => {
  it('sends the queue exactly the domain events a webhook carries, and the replay requests', () => {
    const spec = queues.find((queue) => queue.handler === 'deliverWebhooks');
    expect([...spec!.eventTypes].sort()).toEqual([...Object.keys(WEBHOOK_EVENT_OF_DOMAIN_EVENT), WEBHOOK_REPLAY_EVENT].sort());
  });
});
