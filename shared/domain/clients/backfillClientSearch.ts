import type { ClientSearchBackfill } from '../../ports/ClientRepository';

/** Stored clients read per step of the backfill. */
const PAGE = 200;

/**
 * The one-off backfill of the search index for clients stored before it existed. Idempotent (an
 * entry is derived from its client) and resumable: it goes on from `cursor` and stops once less
 * than `reserveMs` of its time is left, answering where to go on.
 *
 * 1. Read a page of stored clients (detached ones get no entries) and write their entries.
 * 2. Repeat until the table is done or the time is nearly up.
 */
export async function backfillClientSearch(
  clients: ClientSearchBackfill,
  start: { cursor?: string; timeLeftMs: () => number; reserveMs: number },
): Promise<{ indexed: number; done: boolean; cursor?: string }> {
  let indexed = 0;
  let cursor = start.cursor;
  do {
    const step = await clients.indexForSearch(cursor, PAGE);
    indexed += step.indexed;
    cursor = step.cursor;
  } while (cursor && start.timeLeftMs() > start.reserveMs);
  return { indexed, done: !cursor, ...(cursor && { cursor }) };
}
