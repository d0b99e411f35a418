import type { ClientRef } from '../domain/clients/ClientRef';

/** Finds a partner's own client; another partner's client is simply not found (callers answer 404). */
export interface ClientLookup {
  /** The client, if it belongs to `partnerId` and is still attached; otherwise `undefined`. */
  findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined>;
}
