import type { ClientChange } from './ClientChange';
import type { ClientBatchStore, OperationChange, StoredFollowUp } from '../../ports/ClientBatchStore';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { FailureLog } from '../../ports/FailureLog';
import type { OperationConfirmations } from '../../ports/OperationConfirmations';
import type { Actor } from '../audit/AuditEntry';
import type { Clock } from '../Clock';
import { ConcurrentChangeError, retryOnConcurrentChange } from '../ConcurrentChange';
import type { IdGenerator } from '../IdGenerator';
import type { Client } from './Client';
import { deliverFollowUps } from './clientFollowUps';
import {
  cancelsInvitation,
  type ClientDecision,
  type ClientOperation,
  type ClientOperationResult,
  type ClientPreview,
  clientFollowUp,
  clientOperationChange,
  decideClientOperation,
  planClientOperation,
  signInFor,
} from './decideClientOperation';
import { consumeConfirmation, issueConfirmation } from './operationConfirmation';

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

/**
 * The changes for clients decided as `change`, reading the pending invitations a delete cancels.
 * A client whose invitation was answered since it was read is `stale`: it must be read again.
 */
async function changesFor(
  deps: Pick<ClientOperationDeps, 'operations' | 'clock' | 'ids'>,
  operation: ClientOperation,
  clients: readonly Client[],
  actor: Actor,
): Promise<{ changes: OperationChange[]; stale: string[] }> {
  const cancelling = clients.filter((client) => cancelsInvitation(operation, client)).map((client) => client.invitation.id);
  const invitations = new Map((cancelling.length > 0 ? await deps.operations.invitationsByIds(cancelling) : []).map((i) => [i.id, i]));
  const at = deps.clock.now();
  const changes: OperationChange[] = [];
  const stale: string[] = [];
  for (const client of clients) {
    const invitation = invitations.get(client.invitation.id);
    if (cancelsInvitation(operation, client) && invitation?.status !== 'pending') {
      stale.push(client.id);
      continue;
    }
    const change = clientOperationChange(operation, client, invitation, { at, actor, auditId: deps.ids.next('aud') });
    changes.push({ change, followUp: clientFollowUp(operation, change) });
  }
  return { changes, stale };
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

/** One client on its own, after its batch lost a race: re-read, decide again, write; a few times at most. */
async function applyAlone(
  deps: Pick<ClientOperationDeps, 'operations' | 'clock' | 'ids' | 'failures'>,
  partnerId: string,
  operation: ClientOperation,
  clientId: string,
  actor: Actor,
): Promise<Applied> {
  try {
    return await retryOnConcurrentChange(async (): Promise<Applied> => {
      const [client] = await deps.operations.clientsByIds(partnerId, [clientId]);
      const decision = decideClientOperation(operation, client);
      if (decision.kind !== 'change') return { result: unchanged(clientId, decision) };
      const [change] = (await changesFor(deps, operation, [decision.client], actor)).changes;
      if (!change) throw new ConcurrentChangeError('client');
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
 * Step two: the partner confirms with the preview's token and the operation runs.
 *
 * Input: the partner, who acts, the same operation and client set as the preview, the token.
 * Output: one result per client, in the order given: `done`, `skipped` (why), `not_found`
 * (unknown, another partner's, or deleted), `failed` (why).
 * 1. Read the clients again (batched) and decide each anew: the state may have moved since the preview.
 * 2. Spend the token (invalid, mismatched or expired break a rule; used is a conflict); nothing has been written before.
 * 3. Write the changes, several clients per transaction; each client's status, audit entry, account
 *    lock, invitation and follow-up are one atomic unit, written only onto the version decided on.
 *    A client that lost a race is re-read and decided again on its own, so one client never fails the rest;
 *    one whose write fails otherwise is `failed` (`temporarily_unavailable`), its error in the failure log.
 * 4. Publish the events at once; what fails is left to the follow-up job. The sign-in gate needs no
 *    call: the console's sign-in reads the status just committed.
 */
export async function confirmClientOperation(
  deps: ClientOperationDeps,
  partnerId: string,
  actor: Actor,
  request: ClientOperationRequest,
  token: string,
): Promise<ClientOperationResult[]> {
  const clientIds = distinct(request.clientIds);
  return applyClientOperation(deps, partnerId, actor, request, () =>
    consumeConfirmation(deps.confirmations, token, { partnerId, operation: request.operation, clientIds }, deps.clock.now()));
}

/**
 * The operation itself, as `confirmClientOperation` runs it (steps 1, 3 and 4): `beforeWrite` runs
 * after the decisions and before anything is written (the confirmation is spent there). Also run
 * without a confirmation by the end of a partnership, which detaches the partner's clients page by page.
 */
export async function applyClientOperation(
  deps: Omit<ClientOperationDeps, 'confirmations'>,
  partnerId: string,
  actor: Actor,
  request: ClientOperationRequest,
  beforeWrite: () => Promise<void> = async () => undefined,
): Promise<ClientOperationResult[]> {
  const { operation } = request;
  const clientIds = distinct(request.clientIds);
  const byId = new Map((await deps.operations.clientsByIds(partnerId, clientIds)).map((client) => [client.id, client]));
  const results = new Map<string, ClientOperationResult>();
  const changing: Client[] = [];
  for (const clientId of clientIds) {
    const decision = decideClientOperation(operation, byId.get(clientId));
    if (decision.kind === 'change') changing.push(decision.client);
    else results.set(clientId, unchanged(clientId, decision));
  }
  const { changes, stale } = await changesFor(deps, operation, changing, actor);
  await beforeWrite();

  const outcomes = await deps.operations.saveAll(changes);
  for (const clientId of stale) outcomes.set(clientId, { kind: 'conflict' });
  const changeOf = new Map(changes.map((each) => [each.change.after.id, each.change]));
  const saved: SavedChange[] = [];
  for (const clientId of [...changeOf.keys(), ...stale]) {
    const change = changeOf.get(clientId);
    const outcome = outcomes.get(clientId);
    if (outcome?.kind === 'saved' && change) {
      saved.push({ change, followUp: outcome.followUp });
    } else if (outcome?.kind === 'conflict') {
      const alone = await applyAlone(deps, partnerId, operation, clientId, actor);
      if ('saved' in alone) saved.push(alone.saved);
      else results.set(clientId, alone.result);
    } else {
      results.set(clientId, await unavailable(deps, partnerId, operation, clientId, outcome?.kind === 'failed' ? outcome.error : undefined));
    }
  }

  // The changes are committed: if publishing fails outright, the follow-ups stay for the job.
  await deliverFollowUps(deps, saved.map(({ followUp }) => followUp)).catch(() => undefined);
  for (const { change } of saved) {
    const before = change.before && signInFor(change.before.status);
    const after = signInFor(change.after.status);
    results.set(change.after.id, {
      clientId: change.after.id,
      result: 'done',
      status: change.after.status,
      ...(before !== after && { signIn: after }),
    });
  }
  return clientIds.map((clientId) => results.get(clientId) ?? { clientId, result: 'failed', reason: 'temporarily_unavailable' });
}
