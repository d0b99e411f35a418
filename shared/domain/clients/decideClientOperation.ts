import type { ClientChange } from './ClientChange';
import type { DomainEvent } from '../../ports/EventPublisher';
import { advanceClient, type Client, type ClientStatus, type ClientTransition, clientTransitionFrom, isAttached, nextClientStatus } from './Client';
import { audit, type ChangeContext } from './invitationChanges';
import { type Invitation, nextInvitationStatus } from './Invitation';

/** What a partner can do to one or many clients (each needs a confirmation). */
export const CLIENT_OPERATIONS = ['block', 'unblock', 'delete'] as const;

/** An operation on clients, in the partner's words: `delete` detaches the client, the cloud account stays. */
export type ClientOperation = (typeof CLIENT_OPERATIONS)[number];

/** Most clients one operation may name. */
export const MAX_CLIENTS_PER_OPERATION = 500;

/** The state-machine transition behind each operation. */
const TRANSITION_OF: Readonly<Record<ClientOperation, Extract<ClientTransition, 'block' | 'unblock' | 'detach'>>> = {
  block: 'block',
  unblock: 'unblock',
  delete: 'detach',
};

/** What the preview says will happen to a client that changes. */
const WILL: Readonly<Record<ClientOperation, PlannedChange>> = {
  block: 'will_block',
  unblock: 'will_unblock',
  delete: 'will_delete',
};

/**
 * Why a client is left alone: already in the target state (`already_blocked`, `already_active`), or
 * in a state the operation does not apply to (`not_active`: only active clients can be blocked;
 * `not_blocked`: only blocked clients can be unblocked).
 */
export const SKIP_REASONS = ['already_blocked', 'already_active', 'not_active', 'not_blocked'] as const;

/** Why a client is left alone (`SKIP_REASONS`). */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What a preview says of each client: a change it announces (`will_…`), skipped (why), or not the partner's client. */
export const PREVIEW_OUTCOMES = ['will_block', 'will_unblock', 'will_delete', 'skipped', 'not_found'] as const;

/** What a preview says of one client. */
export type PreviewOutcome = (typeof PREVIEW_OUTCOMES)[number];

/** A change the preview announces. */
export type PlannedChange = Extract<PreviewOutcome, `will_${string}`>;

/** What can happen to each client when the operation runs. */
export const OPERATION_RESULTS = ['done', 'skipped', 'not_found', 'failed'] as const;

/** What happened to one client when the operation ran. */
export type OperationResult = (typeof OPERATION_RESULTS)[number];

/** The decision for one client: change it, skip it (why), or it is not the partner's client. */
export type ClientDecision =
  | { readonly kind: 'change'; readonly client: Client; readonly to: ClientStatus }
  | { readonly kind: 'skipped'; readonly client: Client; readonly reason: SkipReason }
  | { readonly kind: 'not_found' };

/** One line of a preview. */
export interface ClientPreview {
  readonly clientId: string;
  readonly outcome: PreviewOutcome;
  /** The client's status now (absent when not found). */
  readonly status?: ClientStatus;
  readonly reason?: SkipReason;
}

/** What happened to one client when the operation ran. */
export interface ClientOperationResult {
  readonly clientId: string;
  readonly result: OperationResult;
  /** The client's status after the operation (absent when not found or failed). */
  readonly status?: ClientStatus;
  /** Why it was skipped (`SkipReason`) or failed (`concurrent_change`, `temporarily_unavailable`). */
  readonly reason?: string;
  /**
   * Only when the change moves the sign-in gate: from now on the cloud console `refuses` (or again
   * `allows`) this account's sign-in and token refresh; it reads the committed status every time.
   */
  readonly signIn?: SignIn;
}

function skipReason(operation: ClientOperation, status: ClientStatus): SkipReason {
  if (operation === 'block') return status === 'blocked' ? 'already_blocked' : 'not_active';
  return status === 'active' ? 'already_active' : 'not_blocked';
}

/**
 * Decides what `operation` does to one client. A detached client, like an unknown id or another
 * partner's client (which the caller never reads), is `not_found`: existence is never revealed.
 */
export function decideClientOperation(operation: ClientOperation, client: Client | undefined): ClientDecision {
  if (!client || !isAttached(client.status)) return { kind: 'not_found' };
  const transition = TRANSITION_OF[operation];
  if (!clientTransitionFrom(transition).includes(client.status)) {
    return { kind: 'skipped', client, reason: skipReason(operation, client.status) };
  }
  return { kind: 'change', client, to: nextClientStatus(client.status, transition) };
}

/**
 * The preview of `operation` on `clientIds` (in the order given), from the partner's clients read
 * among them (`clients` holds only the partner's own records).
 *
 * @example
 * planClientOperation('block', ['cli_a', 'cli_x'], [activeA]);
 * // [{ clientId: 'cli_a', outcome: 'will_block', status: 'active' }, { clientId: 'cli_x', outcome: 'not_found' }]
 */
export function planClientOperation(operation: ClientOperation, clientIds: readonly string[], clients: readonly Client[]): ClientPreview[] {
  const byId = new Map(clients.map((client) => [client.id, client]));
  return clientIds.map((clientId) => {
    const decision = decideClientOperation(operation, byId.get(clientId));
    switch (decision.kind) {
      case 'change':
        return { clientId, outcome: WILL[operation], status: decision.client.status };
      case 'skipped':
        return { clientId, outcome: 'skipped', status: decision.client.status, reason: decision.reason };
      case 'not_found':
        return { clientId, outcome: 'not_found' };
    }
  });
}

/** What the cloud console can do when the owner of a client's account signs in. */
export const SIGN_IN_ANSWERS = ['allowed', 'refused'] as const;

/** What the cloud console does when the owner of the client's account signs in. */
export type SignIn = (typeof SIGN_IN_ANSWERS)[number];

/** Whether the owner of a client's cloud account may sign in to the console: not while the client is blocked. */
export function signInFor(status: ClientStatus): SignIn {
  return status === 'blocked' ? 'refused' : 'allowed';
}

/**
 * True when deleting the client must also cancel its invitation: a client detached while invited
 * leaves no open invitation behind, so the old link can never attach the account again.
 */
export function cancelsInvitation(operation: ClientOperation, client: Client): boolean {
  return operation === 'delete' && client.invitation.status === 'pending';
}

/**
 * The change that applies `operation` to a client decided as `change`: the client's new status,
 * its audit entry and, when a delete cancels a pending invitation, the invitation: as read when
 * `invitation` is given, else closed by id (written only while still pending).
 * The repository releases the account lock when the new status stops holding the account.
 */
export function clientOperationChange(
  operation: ClientOperation,
  client: Client,
  invitation: Invitation | undefined,
  context: ChangeContext,
): ClientChange {
  const moved = advanceClient(client, TRANSITION_OF[operation], context.at);
  const cancelled = cancelsInvitation(operation, client);
  if (cancelled && invitation && invitation.id !== client.invitation.id) {
    throw new Error(`the pending invitation ${client.invitation.id} of client ${client.id} is needed to delete it`);
  }
  const status = nextInvitationStatus('pending', 'cancel');
  const closed: Invitation | undefined = cancelled && invitation
    ? { ...invitation, status: nextInvitationStatus(invitation.status, 'cancel'), closedAt: context.at, version: invitation.version + 1 }
    : undefined;
  const after: Client = cancelled ? { ...moved, invitation: { ...client.invitation, status } } : moved;
  return {
    before: client,
    after,
    ...(closed && invitation && { invitation: { before: invitation, after: closed } }),
    ...(cancelled && !invitation && { closesInvitation: { id: client.invitation.id, status, at: context.at } }),
    audit: audit(client, after, TRANSITION_OF[operation], context),
  };
}

/** The event type each operation publishes. */
const EVENT_TYPE: Readonly<Record<ClientOperation, string>> = {
  block: 'ClientBlocked',
  unblock: 'ClientUnblocked',
  delete: 'ClientDetached',
};

/** How long after a change its follow-up waits for the request that made it before the job may take over. */
export const FOLLOW_UP_GRACE_MS = 2 * 60 * 1000;

/**
 * What must happen after a committed status change, written in the same transaction (an outbox):
 * publish the event. The request does it at once; the follow-up job does whatever is left after `dueAt`.
 */
export interface ClientFollowUp {
  /** The audit entry's id (a confirmed bulk operation's completion: its confirmation id): one follow-up per change, and the event's stable id. */
  readonly id: string;
  readonly partnerId: string;
  /** Absent for the completion of a bulk operation (about many clients). */
  readonly clientId?: string;
  /** Absent for a client invited without an account and deleted before accepting. */
  readonly accountId?: string;
  readonly event: DomainEvent;
  /** When the follow-up job may deliver it if the request did not finish it. */
  readonly dueAt: Date;
}

/** The follow-up of a change made by `operation`. */
export function clientFollowUp(operation: ClientOperation, change: ClientChange): ClientFollowUp {
  const { after, audit: entry } = change;
  const before = change.before?.status ?? after.status;
  return {
    id: entry.id,
    partnerId: after.partnerId,
    clientId: after.id,
    accountId: after.accountId,
    event: {
      id: entry.id,
      type: EVENT_TYPE[operation],
      at: entry.at,
      detail: { partnerId: after.partnerId, clientId: after.id, accountId: after.accountId, before, after: after.status, actor: entry.actor.kind },
    },
    dueAt: new Date(entry.at.getTime() + FOLLOW_UP_GRACE_MS),
  };
}
