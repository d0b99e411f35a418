import { CLIENT_ACTIONS, type ClientAction, type ClientStatus } from '../clients/Client';

/** Changes of a client's budget (the client's status stays as it is: `before` and `after` are equal). */
export const BUDGET_ACTIONS = ['set_budget', 'remove_budget'] as const;

/** Changes of a client's contact details by its partner (the status stays: `before` and `after` are equal; `changes` says what moved). */
export const DETAIL_ACTIONS = ['edit'] as const;

/** What an audit entry records: a client's status change, a change of its budget, or of its contact details. */
export type AuditAction = ClientAction | (typeof BUDGET_ACTIONS)[number] | (typeof DETAIL_ACTIONS)[number];

/** Every `AuditAction`, for parsers. */
export const AUDIT_ACTIONS: readonly [AuditAction, ...AuditAction[]] = [...CLIENT_ACTIONS, ...BUDGET_ACTIONS, ...DETAIL_ACTIONS];

/** The contact details a partner may change on its client (the e-mail and the account are the invitation's, never edited). */
export const EDITABLE_CLIENT_FIELDS = ['name', 'phone'] as const;

/** One contact detail an `edit` changed: its value before and after (`null`: not set). */
export interface FieldChange {
  readonly field: (typeof EDITABLE_CLIENT_FIELDS)[number];
  readonly before: string | null;
  readonly after: string | null;
}

/** Kinds of actors: a partner's member (id = member id), the invitee answering through the link (id = client id), a scheduled job (id = job name). */
export const ACTOR_KINDS = ['partner', 'invitee', 'system'] as const;

/** Who made a change. */
export interface Actor {
  readonly kind: (typeof ACTOR_KINDS)[number];
  readonly id: string;
  /** A member's login e-mail at the time of the change (entries written before teams have none). */
  readonly email?: string;
}

/** One line of a partner's audit trail: who did what to which client, when, and the status before and after. */
export interface AuditEntry {
  readonly id: string;
  readonly partnerId: string;
  readonly clientId: string;
  readonly at: Date;
  readonly actor: Actor;
  readonly action: AuditAction;
  /** `null` when the action created the client. */
  readonly before: ClientStatus | null;
  readonly after: ClientStatus;
  /** What an `edit` changed, only the fields that moved; absent for every other action. */
  readonly changes?: readonly FieldChange[];
}
