import { createHash, createHmac } from 'node:crypto';
import type { DeliveryQueue } from '../../ports/DeliveryQueue';
import { jobMessageBody } from '../../domain/webhooks/consumeDeliveryQueue';
import { type DeliveryJob, MAX_QUEUE_DELAY_SECONDS } from '../../domain/webhooks/deliverWebhookEvents';

/** The credentials Lambda hands a function in its environment. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** A request signed with AWS Signature Version 4 (what an SDK client would send). */
export interface SignedRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
const hmac = (key: string | Buffer, value: string): Buffer => createHmac('sha256', key).update(value, 'utf8').digest();

/**
 * Signs a POST to an AWS JSON endpoint with Signature Version 4 (AWS General Reference, "Create a
 * signed AWS API request"): the canonical request over the signed headers and the body's hash, the
 * string to sign, the key derived from date / region / service. Written here because the project
 * carries no SQS client and adds no dependency for one call; checked against AWS's published example.
 */
export function signRequest(input: {
  readonly method?: 'GET' | 'POST'; readonly url: string; readonly region: string; readonly service: string; readonly headers: Readonly<Record<string, string>>;
  readonly body: string; readonly credentials: AwsCredentials; readonly now: Date;
}): SignedRequest {
  const url = new URL(input.url);
  const amzDate = input.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value])),
    host: url.host,
    'x-amz-date': amzDate,
    ...(input.credentials.sessionToken && { 'x-amz-security-token': input.credentials.sessionToken }),
  };
  const names = Object.keys(headers).sort();
  const query = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const canonical = [input.method ?? 'POST', url.pathname || '/', query, ...names.map((name) => `${name}:${headers[name]!.trim()}`), '', names.join(';'), sha256(input.body)].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), input.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { url: input.url, headers, body: input.body };
}

/** How long one SendMessage may take: well inside the consumer's timeout. */
const SEND_TIMEOUT_MS = 5_000;

/**
 * Queues webhook delivery jobs on SQS (`SendMessage`, AWS JSON 1.0 protocol), with `DelaySeconds`
 * (at most 900: SQS's limit per message) for the wait before the next attempt.
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  public constructor(private readonly queueUrl: string, private readonly region: string, private readonly credentials: () => AwsCredentials) {}

  /** The queue named by `WEBHOOK_QUEUE_URL`, signed with the function's own credentials. */
  public static fromEnv(env = process.env): SqsDeliveryQueue {
    if (!env.WEBHOOK_QUEUE_URL || !env.AWS_REGION) throw new Error('WEBHOOK_QUEUE_URL or AWS_REGION is not set');
    return new SqsDeliveryQueue(env.WEBHOOK_QUEUE_URL, env.AWS_REGION, () => ({
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN,
    }));
  }

  public async enqueue(job: DeliveryJob, delaySeconds: number): Promise<void> {
    const delay = Math.min(Math.max(Math.ceil(delaySeconds), 0), MAX_QUEUE_DELAY_SECONDS);
    const request = signRequest({
      url: `https://sqs.${this.region}.amazonaws.com/`,
      region: this.region,
      service: 'sqs',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: JSON.stringify({ QueueUrl: this.queueUrl, MessageBody: jobMessageBody(job), DelaySeconds: delay }),
      credentials: this.credentials(),
      now: new Date(),
    });
    const { host: _host, ...headers } = request.headers;
    const answer = await fetch(request.url, { method: 'POST', headers, body: request.body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    if (!answer.ok) throw new Error(`SQS SendMessage answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
  }
}
