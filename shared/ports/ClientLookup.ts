import type { ClientStatus } from '../domain/clients/Client';

/** Statuses a client of a partner can be in (the state machine lives in `shared/domain/clients/Client.ts`). */
export type { ClientStatus };

/** The facts other features need about one client of one partner. */
export interface ClientRef {
  readonly clientId: string;
  readonly partnerId: string;
  /** Id of the client's cloud account (billing events are keyed by it); absent until an identifier-less invitation is accepted. */
  readonly accountId?: string;
  readonly status: ClientStatus;
  /** When this partner began serving the account (its invitation was accepted); absent while it does not serve it. */
  readonly servedSince?: Date;
}

/** Finds a partner's own client; another partner's client is simply not found (callers answer 404). */
export interface ClientLookup {
  /** The client, if it belongs to `partnerId` and is still attached; otherwise `undefined`. */
  findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined>;
}
