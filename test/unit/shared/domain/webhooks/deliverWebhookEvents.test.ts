import { FixedClock } from '../../../../../shared/domain/Clock';
import { deliveryJobsOf, type DeliveryJob, queueDelaySeconds, runDeliveryJob } from '../../../../../shared/domain/webhooks/deliverWebhookEvents';
import { registerEndpoint } from '../../../../../shared/domain/webhooks/manageWebhooks';
import type { DomainEvent } from '../../../../../shared/ports/EventPublisher';
import { InMemoryWebhookStore, RecordingWebhookTransport } from '../../../../support/fakes/InMemoryWebhookStore';
import { SequentialIds } from '../../../../support/fakes/SequentialIds';

function world() {
  const clock = new FixedClock('2026-12-06T09:00:00.000Z');
  const store = new InMemoryWebhookStore();
  const transport = new RecordingWebhookTransport();
  return { deps: { store, transport, clock, ids: new SequentialIds(), allowLoopback: false }, clock, store, transport };
}

const blocked: DomainEvent = {
  id: 'aud_1', type: 'ClientBlocked', at: new Date('2026-12-06T08:59:00.000Z'),
  detail: { partnerId: 'ptn_1', clientId: 'cli_1', accountId: 'acc-1', before: 'active', after: 'blocked', actor: 'partner' },
};

/** Runs a job and every retry it asks for, moving the clock to each one's time; returns the outcomes. */
async function runUntilDone(deps: ReturnType<typeof world>['deps'], clock: FixedClock, job: DeliveryJob, onAttempt: (n: number) => void = () => undefined): Promise<string[]> {
  const outcomes: string[] = [];
  let next: DeliveryJob | undefined = job;
  while (next) {
    clock.advance(Math.max(0, new Date(next.notBefore).getTime() - clock.now().getTime()));
    onAttempt(next.attempt);
    const outcome = await runDeliveryJob(deps, next);
    outcomes.push(outcome.kind);
    next = outcome.kind === 'retry' ? outcome.next : undefined;
  }
  return outcomes;
}

describe('deliveryJobsOf', () => {
  it('makes one job per enabled endpoint of the partner subscribed to the event, with the event\'s id as webhook-id', async () => {
    const { deps } = world();
    await registerEndpoint(deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    await registerEndpoint(deps, 'ptn_1', { url: 'https://b.example.com/h', events: ['invitation.expired'] });
    await registerEndpoint(deps, 'ptn_2', { url: 'https://c.example.com/h', events: ['client.blocked'] });

    const jobs = await deliveryJobsOf(deps, blocked);

    expect(jobs.map((job) => [job.endpointId, job.message.messageId, job.message.type])).toEqual([['whe_1', 'aud_1', 'client.blocked']]);
    expect(jobs[0]!.message.data).toEqual({ eventId: 'aud_1', clientId: 'cli_1', accountId: 'acc-1', before: 'active', after: 'blocked', actor: 'partner' });
    expect(await deliveryJobsOf(deps, { ...blocked, type: 'SomethingElse' })).toEqual([]);
  });
});

describe('runDeliveryJob', () => {
  it('retries a failing receiver on the backoff schedule with the same webhook-id, and delivers once it recovers', async () => {
    const { deps, clock, transport } = world();
    await registerEndpoint(deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    const [job] = await deliveryJobsOf(deps, blocked);
    transport.status = 500;

    const outcomes = await runUntilDone(deps, clock, job!, (attempt) => {
      if (attempt === 4) transport.status = 200;
    });

    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'delivered']);
    expect(new Set(transport.received.map((r) => r.headers['webhook-id']))).toEqual(new Set(['aud_1']));
    expect(clock.now().toISOString()).toBe('2026-12-06T09:06:10.000Z');
    expect((await deps.store.endpoint('ptn_1', 'whe_1'))?.failingSince).toBeUndefined();
  });

  it('disables an endpoint that has failed everything for 24 hours, and drops its jobs from then on', async () => {
    const { deps, clock, transport, store } = world();
    await registerEndpoint(deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    transport.status = 503;
    const [first] = await deliveryJobsOf(deps, blocked);
    expect(await runUntilDone(deps, clock, first!)).toEqual([...Array(7).fill('retry'), 'gave_up']);
    clock.advance(9 * 3600 * 1000);
    const [later] = await deliveryJobsOf(deps, { ...blocked, id: 'aud_2' });

    expect(await runDeliveryJob(deps, later!)).toEqual({ kind: 'disabled', partnerId: 'ptn_1', endpointId: 'whe_1' });
    expect((await store.endpoint('ptn_1', 'whe_1'))?.status).toBe('disabled');
    expect(await runDeliveryJob(deps, later!)).toEqual({ kind: 'dropped' });
    expect(await deliveryJobsOf(deps, blocked)).toEqual([]);
  });
});

describe('queueDelaySeconds', () => {
  it('waits until the job\'s time in hops of at most 15 minutes (the SQS delay limit)', () => {
    const now = new Date('2026-12-06T09:00:00.000Z');
    const job = (notBefore: string) => ({ notBefore }) as DeliveryJob;
    expect(queueDelaySeconds(job('2026-12-06T09:00:10.000Z'), now)).toBe(10);
    expect(queueDelaySeconds(job('2026-12-06T14:00:00.000Z'), now)).toBe(900);
    expect(queueDelaySeconds(job('2026-12-06T08:00:00.000Z'), now)).toBe(0);
  });
});
