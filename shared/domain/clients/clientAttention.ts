import type { Clock } from '../Clock';
import type { Money } from '../Money';
import type { Client } from './Client';

/** Why a client needs its partner's attention. */
export const ATTENTION_REASONS = ['negative_balance', 'invitation_expiring', 'mail_failed'] as const;

/** One reason a client needs attention. */
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** An invitation needs attention from this long before it expires (the partner may still resend it). */
export const EXPIRING_WITHIN_MS = 48 * 60 * 60 * 1000;

/** At most this many clients per reason source are read for the view (a partner with more sees the first ones and is told). */
export const ATTENTION_LIMIT = 100;

/** A client with its current balance (`null` unless active or blocked). */
export interface ClientWithBalance {
  readonly client: Client;
  readonly balance: Money | null;
}

/** A client that needs attention, and why. */
export interface ClientNeedingAttention extends ClientWithBalance {
  readonly reasons: readonly AttentionReason[];
}

/** Why `client` needs attention at `now` (none: it does not). */
export function attentionReasons({ client, balance }: ClientWithBalance, now: Date): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const served = client.status === 'active' || client.status === 'blocked';
  if (served && balance !== null && balance.amount < 0) reasons.push('negative_balance');
  const pending = client.status === 'invited' && client.invitation.status === 'pending';
  if (pending && client.invitation.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) reasons.push('invitation_expiring');
  if (pending && client.invitation.mail === 'failed') reasons.push('mail_failed');
  return reasons;
}

/** Where the candidates come from: a partner's clients that may need attention, read by index, never by scanning. */
export interface AttentionCandidates {
  /**
   * The partner's clients whose invitation mail failed or whose pending invitation expires before
   * `expiringBefore`, and those whose balance is below zero — at most `limit` of each kind, and
   * whether there were more.
   */
  candidates(partnerId: string, expiringBefore: Date, limit: number): Promise<{ readonly clients: readonly ClientWithBalance[]; readonly truncated: boolean }>;
}

/** When a pending invitation expires (never for any other client), for ordering. */
function expiry(client: Client): number {
  return client.invitation.status === 'pending' ? client.invitation.expiresAt.getTime() : Number.POSITIVE_INFINITY;
}

/**
 * The partner's clients that need attention now: a negative balance, an invitation expiring within
 * 48 hours, an invitation mail that failed. Candidates come from indexes (a lagging entry may name a
 * client that no longer qualifies), so each is decided again from the client as read; the ones with
 * the most reasons first, then by how soon the invitation expires, then the lowest balance.
 */
export async function clientsNeedingAttention(
  deps: { readonly attention: AttentionCandidates; readonly clock: Clock },
  partnerId: string,
): Promise<{ items: ClientNeedingAttention[]; truncated: boolean }> {
  const now = deps.clock.now();
  const { clients, truncated } = await deps.attention.candidates(partnerId, new Date(now.getTime() + EXPIRING_WITHIN_MS), ATTENTION_LIMIT);
  const unique = new Map(clients.map((each) => [each.client.id, each]));
  const items = [...unique.values()]
    .map((each) => ({ ...each, reasons: attentionReasons(each, now) }))
    .filter((each) => each.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || expiry(a.client) - expiry(b.client) || (a.balance?.amount ?? 0) - (b.balance?.amount ?? 0));
  return { items, truncated };
}
