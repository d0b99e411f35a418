import { startWebhookReceiver } from '../support/webhookReceiver';
import { loadavg } from 'node:os';
import { documentClient } from '../../shared/adapters/compositionRoot';
import { SystemClock } from '../../shared/domain/Clock';
import { STREAM_POLL_INTERVAL_MS, type LocalStack } from '../../infra/local/localStack';
import { createPartner } from '../support/clientFixtures';
import { storedClients } from '../support/clientOperationFixtures';
import { markdownTable } from './markdownTable';
import { median } from './sampling';

/** Blocks measured one after another (issue 33: p50 and max over at least 20 events). */
const EVENTS = 25;
/** How long one delivery may take before the section gives up on it. */
const GIVE_UP_MS = 15_000;

/** The largest sample. */
const max = (samples: readonly number[]): number => Math.max(...samples);

/**
 * Section 3b: the delay from a change to a partner's receiver on the local stack, as `npm start` runs
 * it (the queue stand-in drained every `STREAM_POLL_INTERVAL_MS`): a client's block confirmed over
 * HTTP → event on the bus stand-in → webhook queue → fan-out job → signed POST to a loopback
 * receiver. One block at a time, each waited for, so every delay is measured alone.
 */
export async function benchWebhookDelay(stack: LocalStack): Promise<string> {
  const receiver = await startWebhookReceiver();
  /** When the event about a client reached the receiver (`performance.now()`), if it has. */
  const arrivedAt = (clientId: string): number | undefined =>
    receiver.received.find((message) => (JSON.parse(message.body) as { data?: { clientId?: string } }).data?.clientId === clientId)?.at;
  try {
    const partner = await createPartner(documentClient());
    const token = await stack.tokens.personToken({ sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId });
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    };
    const url = `${receiver.base}/hooks`;
    const registered = await call('POST', '/webhooks', { url, events: ['client.blocked'] });
    if (registered.status !== 201) throw new Error(`registering the receiver answered ${registered.status}`);
    const clients = await storedClients(documentClient(), new SystemClock(), partner.partnerId, 'active', EVENTS);
    // The bench raises the partner's per-minute limit: 2 requests per block.
    process.env.PARTNER_REQUESTS_PER_MINUTE = String(1_000_000);

    const fromRequest: number[] = [];
    const fromAnswer: number[] = [];
    for (const client of clients) {
      const preview = await call('POST', `/clients/${client.id}/block`);
      const sent = performance.now();
      const confirmed = await call('POST', `/clients/${client.id}/block`, { confirm: preview.body.confirmation.token });
      const answered = performance.now();
      if (confirmed.status !== 200) throw new Error(`the block answered ${confirmed.status}`);
      while (arrivedAt(client.id) === undefined) {
        if (performance.now() - sent > GIVE_UP_MS) throw new Error(`the block of ${client.id} did not reach the receiver within ${GIVE_UP_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      fromRequest.push((arrivedAt(client.id) ?? 0) - sent);
      fromAnswer.push((arrivedAt(client.id) ?? 0) - answered);
    }
    const row = (name: string, samples: readonly number[]) => [name, samples.length, median(samples).toFixed(0), max(samples).toFixed(0)];
    const table = markdownTable(
      ['delay of a client.blocked delivery', 'events', 'p50 ms', 'max ms'],
      [row('from the confirming request sent', fromRequest), row('from its answer (the change committed)', fromAnswer)],
    );
    return `${table}\n\nLocal stack as \`npm start\` runs it: the queue stand-in is drained every ${STREAM_POLL_INTERVAL_MS} ms, ` +
      `so a delivery waits up to one interval before the consumer takes it. Load average ${loadavg()[0]?.toFixed(1)} on the machine.`;
  } finally {
    await receiver.close();
  }
}
