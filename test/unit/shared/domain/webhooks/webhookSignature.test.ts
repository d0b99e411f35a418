import * as crypto from 'node:crypto';
import { issueWebhookSecret, webhookHeaders } from '../../../../../shared/domain/webhooks/webhookSignature';

/**
 * A receiver's check written from the Standard Webhooks specification alone (not from the signer):
 * strip `whsec_`, base64-decode the key, HMAC-SHA256 over `id.timestamp.body`, base64, compare in
 * constant time with each `v1,` entry of the space-separated header.
 */
function receiverAccepts(secret: string, headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(secret.split('_')[1] ?? '', 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return (headers['webhook-signature'] ?? '').split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

describe('webhookHeaders', () => {
  const body = JSON.stringify({ type: 'client.blocked', data: { clientId: 'cli_1' } });
  const at = new Date('2026-12-06T09:00:00.000Z');

  it('signs as Standard Webhooks says: id, Unix-seconds timestamp, v1 HMAC a receiver verifies', () => {
    const secret = issueWebhookSecret();
    const headers = webhookHeaders([secret], 'msg_1', at, body);

    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe('1796547600');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(receiverAccepts(secret, headers, body)).toBe(true);
    expect(receiverAccepts(secret, headers, `${body} `)).toBe(false);
    expect(receiverAccepts(issueWebhookSecret(), headers, body)).toBe(false);
  });

  it('matches the specification\'s published example', () => {
    // From the Standard Webhooks reference libraries' tests (secret, id, timestamp, payload → signature).
    const headers = webhookHeaders(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}');
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs with both secrets during a rotation, so a receiver with either accepts', () => {
    const [current, previous] = [issueWebhookSecret(), issueWebhookSecret()];
    const headers = webhookHeaders([current, previous], 'msg_2', at, body);

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(receiverAccepts(current, headers, body)).toBe(true);
    expect(receiverAccepts(previous, headers, body)).toBe(true);
  });
});
