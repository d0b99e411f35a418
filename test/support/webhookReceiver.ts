import * as crypto from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST that reached the receiver. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  /** The body as it came (a signature covers these exact bytes). */
  readonly body: string;
  readonly path: string;
  /** `performance.now()` when it had arrived whole. */
  readonly at: number;
}

/** A partner's receiver on loopback (the local stack allows it): it records every POST and answers what a test sets. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: register `${base}/<path>`. */
  readonly base: string;
  readonly received: ReceivedWebhook[];
  /** The status answered at a path, where a test sets one; else `answer`. */
  readonly answerFor: Map<string, number>;
  answer: number;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port, answering 204 until told otherwise. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answerFor = new Map<string, number>();
  const state = { answer: 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), path, at: performance.now() });
      response.writeHead(answerFor.get(path) ?? state.answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerFor,
    get answer() { return state.answer; },
    set answer(status: number) { state.answer = status; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A receiver's own check of a Standard Webhooks signature, written from the specification alone (not
 * partnerdesk's signer): `whsec_` stripped, base64 key, HMAC-SHA256 of `id.timestamp.body`, any `v1,`
 * entry of the header. `maxAgeSeconds` also refuses a timestamp that far from now (omit it when the
 * local clock has been moved).
 */
export function signedWith(secret: string, message: Pick<ReceivedWebhook, 'headers' | 'body'>, maxAgeSeconds?: number): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = String(message.headers['webhook-id']);
  const timestamp = String(message.headers['webhook-timestamp']);
  if (maxAgeSeconds !== undefined && Math.abs(Date.now() / 1000 - Number(timestamp)) > maxAgeSeconds) return false;
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${message.body}`).digest();
  return String(message.headers['webhook-signature']).split(' ').some((entry) => {
    const given = Buffer.from(entry.replace(/^v1,/, ''), 'base64');
    return entry.startsWith('v1,') && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}
