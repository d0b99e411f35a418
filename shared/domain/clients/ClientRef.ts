import type { Client, ClientStatus } from './Client';

/** The facts other features (balances) need about one client of one partner. */
export interface ClientRef {
  readonly clientId: string;
  readonly partnerId: string;
  /** Id of the client's cloud account (billing events are keyed by it); absent until an identifier-less invitation is accepted. */
  readonly accountId?: string;
  readonly status: ClientStatus;
  /** When this partner began serving the account (its invitation was accepted); absent while it does not serve it. */
  readonly servedSince?: Date;
}

/** The reference to a client that other features read. */
export function clientRefOf(client: Client): ClientRef {
  return {
    clientId: client.id, partnerId: client.partnerId, accountId: client.accountId, status: client.status,
    ...(client.servedSince && { servedSince: client.servedSince }),
  };
}
