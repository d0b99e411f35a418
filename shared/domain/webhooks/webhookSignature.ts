import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signing of webhook deliveries as the Standard Webhooks specification says
 * (https://www.standardwebhooks.com/): the headers `webhook-id` (the delivery's message id, kept
 * by every retry), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, with the key base64-decoded from the
 * secret after `whsec_`). During a secret's rotation both secrets sign: the header holds several
 * space-separated signatures, and a receiver accepts the delivery when one of them matches.
 */

/** Every endpoint secret starts with this (the specification's serialisation). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Bytes of key in a secret: 32 (the specification asks for 24 to 64). */
const SECRET_BYTES = 32;

/** A new endpoint secret, `whsec_<base64 of 32 random bytes>`. */
export function issueWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a secret: what follows `whsec_`, base64-decoded. */
function keyOf(secret: string): Buffer {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) throw new Error('A webhook secret starts with whsec_');
  return Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');
}

/** The three headers of one delivery attempt, signed with every given secret (the current one first). */
export function webhookHeaders(secrets: readonly string[], messageId: string, at: Date, body: string): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signed = `${messageId}.${timestamp}.${body}`;
  const signatures = secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(signed, 'utf8').digest('base64')}`);
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
