import type { ClientAction, ClientStatus } from '../clients/Client';

/** Kinds of actors: a partner's user (id = user id), the invitee answering through the link (id = client id), a scheduled job (id = job name), a manager ending the partnership (id = the manager's user id). */
export const ACTOR_KINDS = ['partner', 'invitee', 'system', 'manager'] as const;

/** Who made a change. */
export interface Actor {
  readonly kind: (typeof ACTOR_KINDS)[number];
  readonly id: string;
}

/** One line of a partner's audit trail: who did what to which client, when, and the status before and after. */
export interface AuditEntry {
  readonly id: string;
  readonly partnerId: string;
  readonly clientId: string;
  readonly at: Date;
  readonly actor: Actor;
  readonly action: ClientAction;
  /** `null` when the action created the client. */
  readonly before: ClientStatus | null;
  readonly after: ClientStatus;
}
