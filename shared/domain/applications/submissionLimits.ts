import { createHash } from 'node:crypto';
import type { RateLimit, RateLimiter } from '../../ports/RateLimiter';
import type { Clock } from '../Clock';

const HOUR_MS = 60 * 60 * 1000;

/** How often the public form may be sent: per sender (its network address) and per applicant e-mail address. */
export interface FormLimits {
  /** Forms one sender may send per window. */
  readonly perSender: RateLimit;
  /** Forms (so confirmation mails) one e-mail address may receive per window. */
  readonly perAddress: RateLimit;
}

/**
 * A handful of forms per sender per hour (a shared office address sends a few); three per address
 * per day (a double click and a corrected resend), so nobody can make the program's sender mail a
 * stranger more than that.
 */
export const DEFAULT_FORM_LIMITS: FormLimits = {
  perSender: { limit: 5, windowMs: HOUR_MS },
  perAddress: { limit: 3, windowMs: 24 * HOUR_MS },
};

/** A counter key that does not store the address it counts (counters are bookkeeping, not personal data). */
function counterKey(kind: string, value: string): string {
  return `form-${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
}

/**
 * Admits one submission of the public form before anything is stored or mailed: counts it against
 * the sender's and the address's limits, and refuses it (`RateLimitedError`, with the seconds until
 * the window ends) when either is used up. The public form is otherwise an open mail relay.
 */
export async function admitSubmission(
  deps: { readonly limits: RateLimiter; readonly clock: Clock; readonly formLimits: FormLimits },
  submission: { readonly sender: string; readonly email: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.limits.take(counterKey('sender', submission.sender), deps.formLimits.perSender, now);
  await deps.limits.take(counterKey('address', submission.email.toLowerCase()), deps.formLimits.perAddress, now);
}
