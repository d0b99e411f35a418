import { clientNames } from '../adapters/compositionRoot';
import type { Client } from '../domain/clients/Client';

/** The clients a page mentions, by id: their name and e-mail as stored now. */
export type ClientNames = ReadonlyMap<string, Pick<Client, 'name' | 'email'>>;

/**
 * The clients among `ids` (`null`s skipped), read in one batched request per 100: a page that
 * mentions clients names them in its own answer, so a console never asks once per client.
 * Another partner's client id finds nothing (the key carries the partner).
 */
export async function clientNamesOf(partnerId: string, ids: Iterable<string | null>): Promise<ClientNames> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  return clientNames().namesOf(partnerId, wanted);
}

/** How an answer names one client: `null` for no client or one whose record is gone. */
export function clientNameView(clients: ClientNames, clientId: string | null): { name: string | null; email: string } | null {
  const client = clientId === null ? undefined : clients.get(clientId);
  return client ? { name: client.name ?? null, email: client.email } : null;
}
