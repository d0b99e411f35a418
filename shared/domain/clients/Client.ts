import { InvalidTransitionError } from '../errors';
import type { InvitationStatus } from './Invitation';

/** Every status a partner's client can be in. */
export const CLIENT_STATUSES = ['invited', 'active', 'blocked', 'declined', 'cancelled', 'expired', 'detached'] as const;

/** Where a client stands with its partner. */
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** The statuses a partner can see (all but `detached`: a deleted client is no longer the partner's). */
export const VISIBLE_CLIENT_STATUSES = ['invited', 'active', 'blocked', 'declined', 'cancelled', 'expired'] as const satisfies readonly ClientStatus[];

/** A status a partner can see. */
export type VisibleClientStatus = (typeof VISIBLE_CLIENT_STATUSES)[number];

/** Whether the invitation mail of the current invitation reached the mail provider. */
export type MailDelivery = 'pending' | 'sent' | 'failed';

/** What a client record shows of its current (latest) invitation. */
export interface InvitationSummary {
  readonly id: string;
  readonly status: InvitationStatus;
  readonly expiresAt: Date;
  readonly mail: MailDelivery;
}

/** A cloud account a partner has invited (and, once accepted, serves). */
export interface Client {
  readonly id: string;
  readonly partnerId: string;
  /**
   * The client's cloud account (see `cloudAccountId.ts`): given by the partner when the client is
   * already registered, otherwise bound when the owner accepts; `undefined` until then.
   */
  readonly accountId?: string;
  /** Lower-cased. */
  readonly email: string;
  readonly name?: string;
  readonly phone?: string;
  readonly status: ClientStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Optimistic-concurrency counter: every stored change bumps it and is written only if it is unchanged. */
  readonly version: number;
  /** When the owner accepted: the partner serves the account from then on. Absent until accepted (and again once re-invited). */
  readonly servedSince?: Date;
  readonly invitation: InvitationSummary;
  /** The sales member the client is assigned to (who added it, or whom an owner or admin assigned it to); sales members see only theirs. */
  readonly assignee?: string;
}

/**
 * The client state machine: each action, the statuses it may start from and the status it leads to.
 * Creation (`invite`) has no "from": it is the only way into the machine.
 * Extend it here (block, unblock, detach...) and every writer keeps enforcing it.
 */
const CLIENT_TRANSITIONS = {
  /** The partner invites the same account again after the previous invitation closed (or after deleting the client). */
  reinvite: { from: ['declined', 'cancelled', 'expired', 'detached'], to: 'invited' },
  /** The partner sends a fresh link (new token, new expiry). */
  resend: { from: ['invited'], to: 'invited' },
  /** The invitee confirms. */
  accept: { from: ['invited'], to: 'active' },
  /** The invitee refuses. */
  decline: { from: ['invited'], to: 'declined' },
  /** The partner withdraws the invitation. */
  cancel: { from: ['invited'], to: 'cancelled' },
  /** Nobody answered within the invitation's lifetime. */
  expire: { from: ['invited'], to: 'expired' },
  /** The partner blocks the client: its login is disabled, its resources keep running. */
  block: { from: ['active'], to: 'blocked' },
  /** The partner lets a blocked client log in again. */
  unblock: { from: ['blocked'], to: 'active' },
  /**
   * The partner deletes the client: detached from the partner (hidden, account released, a pending
   * invitation cancelled); the cloud account and its resources stay. `detached` is final until a reinvite.
   */
  detach: { from: ['invited', 'active', 'blocked', 'declined', 'cancelled', 'expired'], to: 'detached' },
} as const satisfies Record<string, { readonly from: readonly ClientStatus[]; readonly to: ClientStatus }>;

/** An action that moves an existing client. */
export type ClientTransition = keyof typeof CLIENT_TRANSITIONS;

/** Every action recorded in the audit trail: the transitions plus creation. */
export type ClientAction = 'invite' | ClientTransition;

/** Every `ClientAction`, for parsers. */
export const CLIENT_ACTIONS: readonly [ClientAction, ...ClientAction[]] = ['invite', ...(Object.keys(CLIENT_TRANSITIONS) as ClientTransition[])];

/** The status a new client starts in. */
export const NEW_CLIENT_STATUS: ClientStatus = 'invited';

/**
 * Statuses in which the client holds its cloud account for this partner: while in one of them, no
 * other partner may serve that account (the adapter enforces it with the account lock). An
 * invitation holds nothing: several partners may invite one account, and its owner decides.
 */
const ACCOUNT_HOLDING: readonly ClientStatus[] = ['active', 'blocked'];

/** Statuses in which the partner already has the account as a client or is waiting for its answer. */
const ACCOUNT_CLAIMING: readonly ClientStatus[] = ['invited', 'active', 'blocked'];

/** True when the partner may not add this account again: the client is invited, active or blocked. */
export function claimsAccount(status: ClientStatus): boolean {
  return ACCOUNT_CLAIMING.includes(status);
}

/** True when a client in `status` keeps its cloud account reserved for its partner. */
export function holdsAccount(status: ClientStatus): boolean {
  return ACCOUNT_HOLDING.includes(status);
}

/**
 * False once the partner deleted (detached) the client: it is then no longer the partner's client
 * (not listed, not readable, no balance), though the record stays for the audit trail and a reinvite.
 */
export function isAttached(status: ClientStatus): status is VisibleClientStatus {
  return (VISIBLE_CLIENT_STATUSES as readonly ClientStatus[]).includes(status);
}

/** The statuses `action` may start from. */
export function clientTransitionFrom(action: ClientTransition): readonly ClientStatus[] {
  return CLIENT_TRANSITIONS[action].from;
}

/** The status `action` leads to from `status`; throws `InvalidTransitionError` when not allowed. */
export function nextClientStatus(status: ClientStatus, action: ClientTransition): ClientStatus {
  const transition = CLIENT_TRANSITIONS[action];
  if (!(transition.from as readonly ClientStatus[]).includes(status)) throw new InvalidTransitionError('client', status, action);
  return transition.to;
}

/** What a change may set on a client besides its status: contact details, account, service start, invitation summary, assignee. */
export type ClientUpdate = Partial<Pick<Client, 'accountId' | 'email' | 'name' | 'phone' | 'servedSince' | 'invitation' | 'assignee'>>;

/**
 * The client after `action` at `at`: the status the state machine leads to (throws
 * `InvalidTransitionError` when `action` is not allowed from its status), with `update` applied,
 * one version on. Every change of an existing client moves it through here.
 */
export function advanceClient(client: Client, action: ClientTransition, at: Date, update?: ClientUpdate): Client {
  return { ...client, ...update, status: nextClientStatus(client.status, action), updatedAt: at, version: client.version + 1 };
}
