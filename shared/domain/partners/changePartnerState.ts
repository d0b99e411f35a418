import type { Mailer } from '../../ports/Mailer';
import type { FailureLog } from '../../ports/FailureLog';
import type { OperationConfirmations } from '../../ports/OperationConfirmations';
import type { ClientCounts, PartnerRecords } from '../../ports/PartnerRecords';
import type { Clock } from '../Clock';
import { ConcurrentChangeError } from '../ConcurrentChange';
import { createHash } from 'node:crypto';
import { issueConfirmation, type PartnerOperation, spendConfirmation } from '../clients/operationConfirmation';
import { hashSecretToken } from '../clients/secretToken';
import { ConflictError, NotFoundError } from '../errors';
import type { IdGenerator } from '../IdGenerator';
import type { PartnerRecord } from './Partner';
import { partnerStandingMail } from './partnerMails';
import { nextPartnerState, type PartnerAction, type PartnerState } from './PartnerStanding';

/** What suspending, resuming and ending a partner need. */
export interface PartnerStandingDeps {
  readonly partners: PartnerRecords;
  readonly confirmations: OperationConfirmations;
  readonly mailer: Mailer;
  readonly failures: FailureLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** One consequence of an action, as the preview lists it (`count` where it concerns clients). */
export interface PartnerEffect {
  readonly effect: PartnerEffectName;
  readonly count?: number;
}

/** Every consequence a preview can list. */
export const PARTNER_EFFECTS = [
  'partner_people_refused', 'partner_people_allowed', 'clients_untouched', 'clients_detached', 'invitations_cancelled',
  'logins_closed', 'record_read_only', 'email_reserved', 'partner_mailed',
] as const;

/** A consequence of an action on a partner. */
export type PartnerEffectName = (typeof PARTNER_EFFECTS)[number];

/** The answer to a request without confirmation: what would happen, and the token to confirm it with. */
export interface PartnerStatePreview {
  readonly partner: PartnerRecord;
  readonly action: PartnerAction;
  readonly to: PartnerState;
  readonly clients: ClientCounts;
  readonly effects: readonly PartnerEffect[];
  readonly confirmation: { readonly token: string; readonly expiresAt: Date };
}

/** A manager's request: the action on one partner and the reason (required: it goes to the partner and the audit). */
export interface PartnerStateRequest {
  readonly partnerId: string;
  readonly action: PartnerAction;
  readonly reason: string;
}

/** Clients still attached to a partner: every status but detached. */
export function attachedClients(counts: ClientCounts): number {
  return counts.invited + counts.active + counts.blocked + counts.declined + counts.cancelled + counts.expired;
}

function effectsOf(action: PartnerAction, counts: ClientCounts): PartnerEffect[] {
  switch (action) {
    case 'suspend':
      return [{ effect: 'partner_people_refused' }, { effect: 'clients_untouched', count: attachedClients(counts) }, { effect: 'partner_mailed' }];
    case 'resume':
      return [{ effect: 'partner_people_allowed' }, { effect: 'partner_mailed' }];
    case 'end':
      return [
        { effect: 'clients_detached', count: attachedClients(counts) },
        { effect: 'invitations_cancelled', count: counts.invited },
        { effect: 'logins_closed' },
        { effect: 'record_read_only' },
        { effect: 'email_reserved' },
        { effect: 'partner_mailed' },
      ];
  }
}

/** The confirmation scope of an action on a partner: that partner, that action. */
function scopeOf(request: PartnerStateRequest): { partnerId: string; operation: PartnerOperation; clientIds: string[] } {
  return { partnerId: request.partnerId, operation: `partner_${request.action}`, clientIds: [request.partnerId] };
}

async function recordOf(partners: PartnerRecords, partnerId: string): Promise<PartnerRecord> {
  const partner = await partners.get(partnerId);
  if (!partner) throw new NotFoundError('Partner', { partnerId });
  return partner;
}

/**
 * Step one: the preview of suspending, resuming or ending a partner.
 *
 * Input: the request, the manager. Output: the partner, the state it would enter, its client counts,
 * the consequences and a single-use confirmation token bound to this partner and action (5 minutes).
 * 1. Load the partner (not found if unknown) and check the transition (a conflict if not allowed from its state).
 * 2. Read its client counts (maintained as clients change) and list what would happen.
 * 3. Issue the confirmation token. Nothing else changes.
 */
export async function previewPartnerState(
  deps: Pick<PartnerStandingDeps, 'partners' | 'confirmations' | 'clock'>,
  request: PartnerStateRequest,
  managerId: string,
): Promise<PartnerStatePreview> {
  const partner = await recordOf(deps.partners, request.partnerId);
  const to = nextPartnerState(partner.state, request.action);
  const counts = (await deps.partners.clientCounts([partner.partnerId])).get(partner.partnerId);
  if (!counts) throw new Error(`no client counts for partner ${partner.partnerId}`);
  const confirmation = await issueConfirmation(deps.confirmations, scopeOf(request), managerId, deps.clock.now());
  return { partner, action: request.action, to, clients: counts, effects: effectsOf(request.action, counts), confirmation };
}

/**
 * The id of the audit entry of the change confirmed with `tokenHash`: derived, so that a repeated
 * confirmation names the same entry, and that entry (written in the change's transaction, once) is
 * the record that the change is made.
 */
export function partnerAuditId(tokenHash: string): string {
  return `pau_${createHash('sha256').update(tokenHash, 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * Step two: the manager confirms with the preview's token.
 *
 * Input: the request, the manager, the token. Output: the partner as it now stands.
 * 1. Load the partner; spend the token (invalid, mismatched or expired break a rule), or find it
 *    spent by an earlier request of this confirmation (`spendConfirmation`).
 * 2. A repeated confirmation whose change is recorded (its audit entry, dated when the token was
 *    spent, under an id derived from the token) answers the partner again while it still stands in
 *    that state (the end goes on closing the partnership); once it moved on, `confirmation_used`.
 * 3. Check the transition (it may have moved since the preview): a conflict if not allowed.
 * 4. Write the new state with the audit entry in one transaction, onto the version read (a
 *    concurrent change is a conflict). An end also queues the closing work (`completePartnerEnding`).
 * 5. Mail the partner; a failed mail is logged for operators, the change stands.
 */
export async function confirmPartnerState(
  deps: PartnerStandingDeps,
  request: PartnerStateRequest,
  managerId: string,
  token: string,
): Promise<PartnerRecord> {
  const before = await recordOf(deps.partners, request.partnerId);
  const tokenHash = hashSecretToken(token);
  const spent = await spendConfirmation(deps.confirmations, tokenHash, scopeOf(request), deps.clock.now());
  const auditId = partnerAuditId(tokenHash);
  if (spent.resumed) {
    const recorded = await deps.partners.recordedChange(before.partnerId, spent.usedAt, auditId);
    if (recorded) {
      if (before.state === recorded.after) return before;
      throw new ConflictError('confirmation_used', 'This confirmation token was already used; ask for a new preview');
    }
  }
  const to = nextPartnerState(before.state, request.action);
  const at = spent.usedAt;
  const after: PartnerRecord = { ...before, state: to, stateSince: at, stateReason: request.reason, version: before.version + 1 };
  const audit = { id: auditId, partnerId: before.partnerId, at, managerId, action: request.action, before: before.state, after: to, reason: request.reason };
  try {
    await deps.partners.changeState({ before, after, audit, ending: request.action === 'end' });
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new ConcurrentChangeError('partner');
    throw error;
  }
  await deps.mailer.send(partnerStandingMail(after, request.action, request.reason, at))
    .catch((error: unknown) => deps.failures.record('partner mail failed', error, { partnerId: before.partnerId, action: request.action }));
  return after;
}
