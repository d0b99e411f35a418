import { FixedClock } from '../../../../../shared/domain/Clock';
import { ConflictError, NotFoundError } from '../../../../../shared/domain/errors';
import { consumeQueuedMessage, jobMessageBody, queuedMessageOf } from '../../../../../shared/domain/webhooks/consumeDeliveryQueue';
import { enableEndpoint, registerEndpoint, replayDelivery, rotateSecret, WEBHOOK_REPLAY_EVENT } from '../../../../../shared/domain/webhooks/manageWebhooks';
import { tellEndpointDisabled } from '../../../../../shared/domain/webhooks/tellEndpointDisabled';
import { deliveryIdOf } from '../../../../../shared/domain/webhooks/WebhookEndpoint';
import { webhookHeaders } from '../../../../../shared/domain/webhooks/webhookSignature';
import { DEFAULT_MAIL_SETTINGS } from '../../../../../shared/domain/mails/MailSettings';
import type { DomainEvent } from '../../../../../shared/ports/EventPublisher';
import { InMemoryDeliveryQueue } from '../../../../support/fakes/InMemoryDeliveryQueue';
import { InMemoryPartnerRepository } from '../../../../support/fakes/InMemoryPartnerRepository';
import { InMemoryWebhookStore, RecordingWebhookTransport } from '../../../../support/fakes/InMemoryWebhookStore';
import { RecordingEventPublisher } from '../../../../support/fakes/RecordingEventPublisher';
import { RecordingMailer } from '../../../../support/fakes/RecordingMailer';
import { SequentialIds } from '../../../../support/fakes/SequentialIds';

function world() {
  const clock = new FixedClock('2026-12-06T09:00:00.000Z');
  const store = new InMemoryWebhookStore();
  const transport = new RecordingWebhookTransport();
  const queue = new InMemoryDeliveryQueue();
  const events = new RecordingEventPublisher();
  const mailer = new RecordingMailer();
  const partners = new InMemoryPartnerRepository();
  partners.add({ partnerId: 'ptn_1', name: 'Volkova IT', email: 'owner@volkova-it.example', applicationId: 'app_1', createdAt: clock.now(), language: 'ru' });
  const ids = new SequentialIds();
  const notice = { store, partners, mailer, consoleUrl: 'https://partners.example.com', mail: DEFAULT_MAIL_SETTINGS };
  const deps = {
    store, transport, clock, ids, allowLoopback: false, queue, events,
    onDisabled: (partnerId: string, endpointId: string) => tellEndpointDisabled(notice, partnerId, endpointId),
  };
  return { deps, clock, store, transport, queue, events, mailer };
}
type World = ReturnType<typeof world>;

/** A domain event as EventBridge's SQS target hands it to the queue. */
const envelopeOf = (event: DomainEvent) => JSON.stringify({ 'detail-type': event.type, time: event.at.toISOString(), detail: { id: event.id, ...event.detail } });

/** Consumes every queued job now (delays are spent by moving the clock). */
async function drain(w: World): Promise<void> {
  for (let entry = w.queue.take(); entry; entry = w.queue.take()) {
    w.clock.advance(entry.delaySeconds * 1000);
    await consumeQueuedMessage(w.deps, queuedMessageOf(jobMessageBody(entry.job))!);
  }
}

/** An endpoint of `ptn_1` that got one `client.blocked` delivery; its log entry. */
async function delivered(w: World) {
  const endpoint = await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
  await consumeQueuedMessage(w.deps, queuedMessageOf(envelopeOf({
    id: 'aud_1', type: 'ClientBlocked', at: new Date('2026-12-06T08:59:00Z'), detail: { partnerId: 'ptn_1', clientId: 'cli_1', before: 'active', after: 'blocked' },
  }))!);
  await drain(w);
  const [entry] = await w.store.attempts('ptn_1', endpoint.endpointId);
  return { endpoint, entry: entry! };
}

describe('replayDelivery', () => {
  it('queues the logged message again: same webhook-id and body, signed with the current secret, logged as the next attempt', async () => {
    const w = world();
    const { endpoint, entry } = await delivered(w);
    w.clock.advance(3600_000);
    const rotated = await rotateSecret(w.deps, 'ptn_1', endpoint.endpointId);

    const answer = await replayDelivery(w.deps, 'ptn_1', endpoint.endpointId, deliveryIdOf(entry));
    const [request] = w.events.published;
    expect(request?.type).toBe(WEBHOOK_REPLAY_EVENT);
    await consumeQueuedMessage(w.deps, queuedMessageOf(envelopeOf(request!))!);
    await drain(w);

    expect(answer).toEqual({ messageId: 'aud_1', endpointId: endpoint.endpointId });
    const [first, again] = w.transport.received;
    expect(again?.body).toBe(first?.body);
    expect(again?.headers['webhook-id']).toBe('aud_1');
    const timestamp = new Date(Number(again?.headers['webhook-timestamp']) * 1000);
    const current = webhookHeaders([rotated.secret], 'aud_1', timestamp, again?.body ?? '')['webhook-signature'];
    expect(again?.headers['webhook-signature']?.split(' ')).toContain(current);
    const log = await w.store.attempts('ptn_1', endpoint.endpointId);
    expect(log.map((attempt) => [attempt.messageId, attempt.attempt, attempt.outcome])).toEqual([['aud_1', 2, 'succeeded'], ['aud_1', 1, 'succeeded']]);
    expect(new Set(log.map(deliveryIdOf)).size).toBe(2);
  });

  it('answers not found for an unknown delivery and for another partner\'s endpoint, and queues nothing', async () => {
    const w = world();
    const { endpoint, entry } = await delivered(w);

    await expect(replayDelivery(w.deps, 'ptn_1', endpoint.endpointId, 'dlv_unknown')).rejects.toBeInstanceOf(NotFoundError);
    await expect(replayDelivery(w.deps, 'ptn_2', endpoint.endpointId, deliveryIdOf(entry))).rejects.toBeInstanceOf(NotFoundError);
    expect(w.events.published).toEqual([]);
  });

  it('refuses a disabled endpoint with webhook_endpoint_disabled', async () => {
    const w = world();
    const { endpoint, entry } = await delivered(w);
    await w.store.disable('ptn_1', endpoint.endpointId);

    await expect(replayDelivery(w.deps, 'ptn_1', endpoint.endpointId, deliveryIdOf(entry))).rejects.toEqual(
      expect.objectContaining({ constructor: ConflictError, code: 'webhook_endpoint_disabled' }),
    );
    expect(w.events.published).toEqual([]);
  });
});

describe('enableEndpoint', () => {
  it('enables a disabled endpoint with its failure clock cleared, and answers an enabled one as it is', async () => {
    const w = world();
    const endpoint = await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    await w.store.update({ ...endpoint, failingSince: w.clock.now() });
    await w.store.disable('ptn_1', endpoint.endpointId);

    const enabled = await enableEndpoint(w.deps, 'ptn_1', endpoint.endpointId);
    const again = await enableEndpoint(w.deps, 'ptn_1', endpoint.endpointId);

    expect(enabled).toEqual({ ...endpoint, status: 'enabled' });
    expect(again).toEqual(enabled);
    expect(await w.store.endpoint('ptn_1', endpoint.endpointId)).toEqual(enabled);
    await expect(enableEndpoint(w.deps, 'ptn_2', endpoint.endpointId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('disabling after 24 hours of failures', () => {
  it('mails the partner once, in its language: the URL, since when it failed, the last response, how to enable it again', async () => {
    const w = world();
    const endpoint = await registerEndpoint(w.deps, 'ptn_1', { url: 'https://a.example.com/h', events: ['client.blocked'] });
    w.transport.status = 500;
    const blocked = (id: string) => queuedMessageOf(envelopeOf({ id, type: 'ClientBlocked', at: w.clock.now(), detail: { partnerId: 'ptn_1', clientId: id } }))!;
    await consumeQueuedMessage(w.deps, blocked('aud_1'));
    await drain(w);
    // Two events a day later, failing side by side: one of them disables the endpoint.
    w.clock.advance(24 * 3600 * 1000);
    await consumeQueuedMessage(w.deps, blocked('aud_2'));
    await consumeQueuedMessage(w.deps, blocked('aud_3'));
    const jobs = [w.queue.take()!, w.queue.take()!];
    await Promise.all(jobs.map((entry) => consumeQueuedMessage(w.deps, queuedMessageOf(jobMessageBody(entry.job))!)));
    await drain(w);

    expect((await w.store.endpoint('ptn_1', endpoint.endpointId))?.status).toBe('disabled');
    const [mail, ...more] = w.mailer.to('owner@volkova-it.example');
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Вебхук отключён: доставки не проходят 24 часа');
    expect(mail?.text).toContain('https://a.example.com/h');
    expect(mail?.text).toContain('6 декабря 2026 г., 12:00 по Москве');
    expect(mail?.text).toContain('HTTP 500');
    expect(mail?.text).toContain('https://partners.example.com/ru/webhooks');
  });
});
