import { CLIENT_ACTIONS, type ClientAction, type ClientStatus } from '../clients/Client';

/** Changes of a client's budget (the client's status stays as it is: `before` and `after` are equal). */
export const BUDGET_ACTIONS = ['set_budget', 'remove_budget'] as const;

/** Changes of a client's contact details by its partner (the status stays: `before` and `after` are equal; `changes` says what moved). */
export const DETAIL_ACTIONS = ['edit'] as const;

/** Changes of the partner's default budget: about no client (`clientId`, `before` and `after` are `null`). */
export const DEFAULT_BUDGET_ACTIONS = ['set_default_budget', 'remove_default_budget'] as const;

/** What an audit entry records: a client's status change, a change of its budget or of its contact details, or of the partner's default budget. */
export type AuditAction = ClientAction | (typeof BUDGET_ACTIONS)[number] | (typeof DETAIL_ACTIONS)[number] | (typeof DEFAULT_BUDGET_ACTIONS)[number];

/** Every `AuditAction`, for parsers. */
export const AUDIT_ACTIONS: readonly [AuditAction, ...AuditAction[]] = [...CLIENT_ACTIONS, ...BUDGET_ACTIONS, ...DETAIL_ACTIONS, ...DEFAULT_BUDGET_ACTIONS];

/** The contact details a partner may change on its client (the e-mail and the account are the invitation's, never edited). */
export const EDITABLE_CLIENT_FIELDS = ['name', 'phone'] as const;

/** One contact detail an `edit` changed: its value before and after (`null`: not set). */
export interface FieldChange {
  readonly field: (typeof EDITABLE_CLIENT_FIELDS)[number];
  readonly before: string | null;
  readonly after: string | null;
}

/** Kinds of actors: a partner's member (id = member id), the invitee answering through the link (id = client id), a scheduled job (id = job name), a manager ending the partnership (id = the manager's user id). */
export const ACTOR_KINDS = ['partner', 'invitee', 'system', 'manager'] as const;

/** Who made a change. */
export interface Actor {
  readonly kind: (typeof ACTOR_KINDS)[number];
  readonly id: string;
  /** A member's login e-mail at the time of the change (entries written before teams have none). */
  readonly email?: string;
}

/** One line of a partner's audit trail about one client: who did what to it, when, and its status before and after. */
export interface ClientAuditEntry {
  readonly id: string;
  readonly partnerId: string;
  readonly clientId: string;
  readonly at: Date;
  readonly actor: Actor;
  readonly action: Exclude<AuditAction, (typeof DEFAULT_BUDGET_ACTIONS)[number]>;
  /** `null` when the action created the client. */
  readonly before: ClientStatus | null;
  readonly after: ClientStatus;
  /** What an `edit` changed, only the fields that moved; absent for every other action. */
  readonly changes?: readonly FieldChange[];
}

/** One line about the partner's own settings (its default budget): no client, no status. */
export interface PartnerSettingAuditEntry {
  readonly id: string;
  readonly partnerId: string;
  readonly clientId: null;
  readonly at: Date;
  readonly actor: Actor;
  readonly action: (typeof DEFAULT_BUDGET_ACTIONS)[number];
  readonly before: null;
  readonly after: null;
}

/** One line of a partner's audit trail. */
export type AuditEntry = ClientAuditEntry | PartnerSettingAuditEntry;

/** Whether an action is about the partner's default budget (an entry about no client). */
export function isDefaultBudgetAction(action: AuditAction): action is (typeof DEFAULT_BUDGET_ACTIONS)[number] {
  return (DEFAULT_BUDGET_ACTIONS as readonly string[]).includes(action);
}
