import type { ClientSearchBackfill } from '../../ports/ClientRepository';
import { indexClientChanges } from './indexClients';

/** Stored clients read per step of the backfill. */
const PAGE = 200;

/**
 * The one-off backfill of the search index and the per-status counts for clients stored before the
 * clients table had its change stream. Idempotent (it does what the stream's consumer does for a
 * client it sees created: entries derived from the client as stored, counts moved by compare-and-set)
 * and resumable: it goes on from `cursor` and stops once less than `reserveMs` of its time is left,
 * answering where to go on. It may run while the stream's consumer runs.
 *
 * 1. Read a page of stored clients (detached ones get no entries).
 * 2. Index and count them as if each had just been created.
 * 3. Repeat until the table is done or the time is nearly up.
 */
export async function backfillClientSearch(
  clients: ClientSearchBackfill,
  start: { cursor?: string; timeLeftMs: () => number; reserveMs: number },
): Promise<{ indexed: number; done: boolean; cursor?: string }> {
  let indexed = 0;
  let cursor = start.cursor;
  do {
    const step = await clients.storedClients(cursor, PAGE);
    await indexClientChanges(clients, step.clients.map((client) => ({ partnerId: client.partnerId, clientId: client.id, after: client })));
    indexed += step.clients.length;
    cursor = step.cursor;
  } while (cursor && start.timeLeftMs() > start.reserveMs);
  return { indexed, done: !cursor, ...(cursor && { cursor }) };
}
