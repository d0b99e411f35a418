import type { ClientChange } from './ClientChange';
import type { ClientBatchStore, OperationChange, StoredFollowUp } from '../../ports/ClientBatchStore';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { FailureLog } from '../../ports/FailureLog';
import type { OperationConfirmations } from '../../ports/OperationConfirmations';
import { createHash } from 'node:crypto';
import type { Actor, ClientAuditEntry } from '../audit/AuditEntry';
import type { Clock } from '../Clock';
import { ConcurrentChangeError, retryOnConcurrentChange } from '../ConcurrentChange';
import type { IdGenerator } from '../IdGenerator';
import type { Client } from './Client';
import { deliverFollowUps } from './clientFollowUps';
import {
  type ClientDecision,
  type ClientFollowUp,
  FOLLOW_UP_GRACE_MS,
  type ClientOperation,
  type ClientOperationResult,
  type ClientPreview,
  clientFollowUp,
  clientOperationChange,
  decideClientOperation,
  planClientOperation,
  signInFor,
} from './decideClientOperation';
import { issueConfirmation, spendConfirmation } from './operationConfirmation';
import { hashSecretToken } from './secretToken';

/** What block / unblock / delete need. */
export interface ClientOperationDeps {
  readonly operations: ClientBatchStore;
  readonly confirmations: OperationConfirmations;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly failures: FailureLog;
}

/** An operation on a set of the partner's clients. */
export interface ClientOperationRequest {
  readonly operation: ClientOperation;
  readonly clientIds: readonly string[];
}

/** The answer to a request without confirmation: what would happen, and the token to confirm it. */
export interface ClientOperationPreview {
  readonly operation: ClientOperation;
  readonly clients: readonly ClientPreview[];
  /** Absent when nothing would change (there is nothing to confirm). */
  readonly confirmation?: { readonly token: string; readonly expiresAt: Date };
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Step one: the preview. Reads the partner's clients among the ids (one batched read per 100),
 * says per client what would happen, and issues a single-use confirmation token bound to exactly
 * this partner, operation and set of clients, valid 5 minutes. Changes nothing else.
 */
export async function previewClientOperation(
  deps: Pick<ClientOperationDeps, 'operations' | 'confirmations' | 'clock'>,
  partnerId: string,
  actor: Actor,
  request: ClientOperationRequest,
): Promise<ClientOperationPreview> {
  const clientIds = distinct(request.clientIds);
  const clients = planClientOperation(request.operation, clientIds, await deps.operations.clientsByIds(partnerId, clientIds));
  if (!clients.some((client) => client.outcome.startsWith('will_'))) return { operation: request.operation, clients };
  const scope = { partnerId, operation: request.operation, clientIds };
  const confirmation = await issueConfirmation(deps.confirmations, scope, actor.id, deps.clock.now());
  return { operation: request.operation, clients, confirmation };
}

/** The result of a decision that changes nothing. */
function unchanged(clientId: string, decision: Exclude<ClientDecision, { kind: 'change' }>): ClientOperationResult {
  return decision.kind === 'skipped'
    ? { clientId, result: 'skipped', status: decision.client.status, reason: decision.reason }
    : { clientId, result: 'not_found' };
}

/** The result of a change that is done, from its audit entry (status before and after). */
function done(entry: Pick<ClientAuditEntry, 'clientId' | 'before' | 'after'>): ClientOperationResult {
  const before = entry.before && signInFor(entry.before);
  const after = signInFor(entry.after);
  return { clientId: entry.clientId, result: 'done', status: entry.after, ...(before !== after && { signIn: after }) };
}

/**
 * The id of the audit entry of `clientId`'s change by the operation confirmed with `tokenHash`:
 * derived, so that every request of one confirmation names the same entry, and the entry (written
 * in the change's own transaction, once) is the record that the client is done.
 */
export function operationAuditId(tokenHash: string, clientId: string): string {
  return `aud_${createHash('sha256').update(`${tokenHash}:${clientId}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * The id of the operation confirmed with `tokenHash`: derived like its audit entries' ids, so every
 * request of one confirmation names it alike, and the token (or its hash) is never shown.
 */
export function operationConfirmationId(tokenHash: string): string {
  return `opc_${createHash('sha256').update(`confirmation:${tokenHash}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/** How many clients of an operation ended each way. */
export function resultCounts(results: readonly ClientOperationResult[]): Readonly<Record<'done' | 'skipped' | 'notFound' | 'failed', number>> {
  const count = (result: ClientOperationResult['result']) => results.filter((candidate) => candidate.result === result).length;
  return { done: count('done'), skipped: count('skipped'), notFound: count('not_found'), failed: count('failed') };
}

/**
 * The follow-up announcing that a confirmed bulk operation completed (`BulkClientOperationCompleted`):
 * its id is the confirmation's, its detail the operation and the count of clients per result.
 */
export function bulkCompletionFollowUp(confirmed: Confirmed, results: readonly ClientOperationResult[], now: Date): ClientFollowUp {
  const id = operationConfirmationId(confirmed.tokenHash);
  return {
    id,
    partnerId: confirmed.partnerId,
    event: {
      id,
      type: 'BulkClientOperationCompleted',
      at: now,
      detail: {
        partnerId: confirmed.partnerId, operationId: id, operation: confirmed.operation, actor: confirmed.actor.kind,
        confirmedAt: confirmed.at.toISOString(), total: results.length, counts: resultCounts(results),
      },
    },
    dueAt: new Date(now.getTime() + FOLLOW_UP_GRACE_MS),
  };
}

/** A client whose write failed for another reason than a lost race: `temporarily_unavailable`, the error logged for operators. */
async function unavailable(
  deps: Pick<ClientOperationDeps, 'failures'>,
  partnerId: string,
  operation: ClientOperation,
  clientId: string,
  error: unknown,
): Promise<ClientOperationResult> {
  await deps.failures.record('client operation failed', error, { partnerId, clientId, operation });
  return { clientId, result: 'failed', reason: 'temporarily_unavailable' };
}

/** A change written, with its follow-up as stored. */
interface SavedChange {
  readonly change: ClientChange;
  readonly followUp: StoredFollowUp;
}

type Applied = { readonly result: ClientOperationResult } | { readonly saved: SavedChange };

/** What every change of one confirmed operation shares: who, when (the moment it was confirmed), and its token's hash. */
export interface Confirmed {
  readonly partnerId: string;
  readonly operation: ClientOperation;
  readonly actor: Actor;
  readonly tokenHash: string;
  readonly at: Date;
}

/** The change of a client decided as `change` by the confirmed operation, with its follow-up. */
function operationChange(confirmed: Confirmed, client: Client): OperationChange {
  const change = clientOperationChange(confirmed.operation, client, undefined, {
    at: confirmed.at, actor: confirmed.actor, auditId: operationAuditId(confirmed.tokenHash, client.id),
  });
  return { change, followUp: clientFollowUp(confirmed.operation, change) };
}

/**
 * One client on its own, after its transaction lost a race: done already if its record exists (another
 * request of the same confirmation wrote it), else re-read, decide again, write; a few times at most.
 */
async function applyAlone(deps: Pick<ClientOperationDeps, 'operations' | 'failures'>, confirmed: Confirmed, clientId: string): Promise<Applied> {
  const { partnerId, operation } = confirmed;
  try {
    return await retryOnConcurrentChange(async (): Promise<Applied> => {
      const [entry] = await deps.operations.recordedChanges(partnerId, confirmed.at, [operationAuditId(confirmed.tokenHash, clientId)]);
      if (entry) return { result: done(entry) };
      const [client] = await deps.operations.clientsByIds(partnerId, [clientId]);
      const decision = decideClientOperation(operation, client);
      if (decision.kind !== 'change') return { result: unchanged(clientId, decision) };
      const change = operationChange(confirmed, decision.client);
      const outcome = (await deps.operations.saveAll([change])).get(clientId);
      if (outcome?.kind === 'conflict') throw new ConcurrentChangeError('client');
      if (outcome?.kind !== 'saved') return { result: await unavailable(deps, partnerId, operation, clientId, outcome?.error) };
      return { saved: { change: change.change, followUp: outcome.followUp } };
    });
  } catch (error) {
    if (error instanceof ConcurrentChangeError) return { result: { clientId, result: 'failed', reason: 'concurrent_change' } };
    return { result: await unavailable(deps, partnerId, operation, clientId, error) };
  }
}

/**
 * Step two: the partner confirms with the preview's token and the operation runs. Sending the same
 * confirmation again (the answer was lost, the request timed out or crashed at any point) answers
 * the whole report and applies whatever was not applied yet, never anything twice.
 *
 * Input: the partner, who acts, the same operation and client set as the preview, the token.
 * Output: one result per client, in the order given: `done`, `skipped` (why), `not_found`
 * (unknown, another partner's, or deleted), `failed` (why).
 * 1. Spend the token (invalid, mismatched or expired break a rule), or find it spent by an earlier
 *    request of this confirmation within `CONFIRMATION_RESUMABLE_MS`: then read that request's records.
 * 2. Every client's change of the operation is dated at the moment the token was spent and audited under
 *    an id derived from the token (`operationAuditId`), in the change's own transaction: that entry is
 *    the client's recorded result. A client with one is `done` and is not written again.
 * 3. Read the other clients (batched) and decide each anew: the state may have moved since the preview.
 * 4. Write the changes, many clients per transaction, several transactions at a time; each client's
 *    status, audit entry, account lock, invitation and follow-up are one atomic unit, written only onto
 *    the version decided on. A client that lost a race is looked up, re-read and decided again on its
 *    own, so one client never fails the rest; one whose write fails otherwise is `failed`
 *    (`temporarily_unavailable`), its error in the failure log (sending the confirmation again retries it).
 * 5. Publish the events at once; what fails (or a crash before it) is left to the follow-up job. The
 *    sign-in gate needs no call: the console's sign-in reads the status just committed.
 * 6. A bulk operation (`options.bulk`) then announces its completion, once per confirmation: the first
 *    request that has a result for every client stores `BulkClientOperationCompleted` (its counts)
 *    with the confirmation marked completed, and publishes it (the follow-up job if that fails). A
 *    request resumed after a crash completes it; one sent after the completion announces nothing again.
 */
export async function confirmClientOperation(
  deps: ClientOperationDeps,
  partnerId: string,
  actor: Actor,
  request: ClientOperationRequest,
  token: string,
  options: { readonly bulk?: boolean } = {},
): Promise<ClientOperationResult[]> {
  const { operation } = request;
  const clientIds = distinct(request.clientIds);
  const tokenHash = hashSecretToken(token);
  const spent = await spendConfirmation(deps.confirmations, tokenHash, { partnerId, operation, clientIds }, deps.clock.now());
  const confirmed: Confirmed = { partnerId, operation, actor, tokenHash, at: spent.usedAt };
  const results = new Map<string, ClientOperationResult>();
  if (spent.resumed) {
    const recorded = await deps.operations.recordedChanges(partnerId, spent.usedAt, clientIds.map((clientId) => operationAuditId(tokenHash, clientId)));
    for (const entry of recorded) results.set(entry.clientId, done(entry));
  }
  const report = await applyConfirmed(deps, confirmed, clientIds, results);
  if (options.bulk) {
    const completion = await deps.operations.recordCompletion(tokenHash, bulkCompletionFollowUp(confirmed, report, deps.clock.now()));
    // Stored: if publishing fails, the follow-up job publishes it (same id).
    if (completion) await deliverFollowUps(deps, [completion]).catch(() => undefined);
  }
  return report;
}

/**
 * The operation without a partner's confirmation: the end of a partnership detaches the partner's
 * clients page by page (each page is named by who acts and when; a page cut short is read again
 * from the clients still attached).
 */
export async function applyClientOperation(
  deps: Omit<ClientOperationDeps, 'confirmations'>,
  partnerId: string,
  actor: Actor,
  request: ClientOperationRequest,
): Promise<ClientOperationResult[]> {
  const at = deps.clock.now();
  const confirmed: Confirmed = { partnerId, operation: request.operation, actor, tokenHash: `run:${actor.kind}:${actor.id}:${at.toISOString()}`, at };
  return applyConfirmed(deps, confirmed, distinct(request.clientIds), new Map());
}

/** Whether a client left alone is already where the operation leads (blocked for a block, active for an unblock, gone for a delete). */
function inTargetState(operation: ClientOperation, decision: ClientDecision): boolean {
  if (decision.kind === 'change') return false;
  if (operation === 'delete') return decision.kind === 'not_found';
  return decision.kind === 'skipped' && decision.reason === (operation === 'block' ? 'already_blocked' : 'already_active');
}

/** Steps 3–5 of a confirmed operation: decide, write, deliver, for the clients without a recorded result. */
async function applyConfirmed(
  deps: Omit<ClientOperationDeps, 'confirmations'>,
  confirmed: Confirmed,
  clientIds: readonly string[],
  results: Map<string, ClientOperationResult>,
): Promise<ClientOperationResult[]> {
  const { partnerId, operation } = confirmed;
  const pending = clientIds.filter((clientId) => !results.has(clientId));
  const byId = new Map((pending.length > 0 ? await deps.operations.clientsByIds(partnerId, pending) : []).map((client) => [client.id, client]));
  const changes: OperationChange[] = [];
  const maybeDoneMeanwhile: string[] = [];
  for (const clientId of pending) {
    const decision = decideClientOperation(operation, byId.get(clientId));
    if (decision.kind === 'change') changes.push(operationChange(confirmed, decision.client));
    else results.set(clientId, unchanged(clientId, decision));
    if (inTargetState(operation, decision)) maybeDoneMeanwhile.push(clientId);
  }
  // Another request of the same confirmation may have changed a client between this one's reads: its
  // record (read after the client, and written in the same transaction) says it is done, not skipped.
  if (maybeDoneMeanwhile.length > 0) {
    const recorded = await deps.operations.recordedChanges(partnerId, confirmed.at, maybeDoneMeanwhile.map((clientId) => operationAuditId(confirmed.tokenHash, clientId)));
    for (const entry of recorded) results.set(entry.clientId, done(entry));
  }

  const outcomes = await deps.operations.saveAll(changes);
  const saved: SavedChange[] = [];
  for (const { change } of changes) {
    const clientId = change.after.id;
    const outcome = outcomes.get(clientId);
    if (outcome?.kind === 'saved') {
      saved.push({ change, followUp: outcome.followUp });
    } else if (outcome?.kind === 'conflict') {
      const alone = await applyAlone(deps, confirmed, clientId);
      if ('saved' in alone) saved.push(alone.saved);
      else results.set(clientId, alone.result);
    } else {
      results.set(clientId, await unavailable(deps, partnerId, operation, clientId, outcome?.kind === 'failed' ? outcome.error : undefined));
    }
  }

  // The changes are committed: if publishing fails outright, the follow-ups stay for the job.
  await deliverFollowUps(deps, saved.map(({ followUp }) => followUp)).catch(() => undefined);
  for (const { change } of saved) results.set(change.after.id, done(change.audit));
  return clientIds.map((clientId) => results.get(clientId) ?? { clientId, result: 'failed', reason: 'temporarily_unavailable' });
}

/**
 * An operation on one client that the system decided rather than the partner (a budget blocking its
 * client at the limit): no preview and no token, otherwise exactly a confirmed operation — the same
 * decision (a client already blocked is skipped), audit entry with the system actor, account lock,
 * follow-ups and event.
 */
export async function runSystemClientOperation(
  deps: Omit<ClientOperationDeps, 'confirmations'>,
  partnerId: string,
  actor: Actor,
  operation: ClientOperation,
  clientId: string,
): Promise<ClientOperationResult> {
  // No token: the run is named by who acts and when (the caller's once-only marker keeps it to one run).
  const at = deps.clock.now();
  const applied = await applyAlone(deps, { partnerId, operation, actor, tokenHash: `system:${actor.id}:${at.toISOString()}`, at }, clientId);
  if (!('saved' in applied)) return applied.result;
  // The change is committed: if publishing fails, the follow-up stays for the job.
  await deliverFollowUps(deps, [applied.saved.followUp]).catch(() => undefined);
  return { clientId, result: 'done', status: applied.saved.change.after.status };
}
