import type { ClientIndex, CountMove, IndexedClient, SearchEntryChange } from '../../ports/ClientIndex';
import { type Client, isAttached } from './Client';
import { clientSearchTerms, searchPrefixes } from './clientSearch';

/** One change of a stored client as the change stream tells it: the client before and after (absent when created or removed). */
export interface StoredClientChange {
  readonly partnerId: string;
  readonly clientId: string;
  readonly before?: Client;
  readonly after?: Client;
}

/** How often a client whose count lost a race is read and moved again before the batch fails (and is retried whole). */
const RECOUNT_ATTEMPTS = 5;

/** The search terms of a client the partner can find: none once detached (nor for a client that is gone). */
export function indexedTerms(client: Client | undefined): string[] {
  return client && isAttached(client.status) ? clientSearchTerms(client) : [];
}

/** What one partner's changes ask for: clients to re-index (with every prefix they had meanwhile) and clients to recount. */
interface PartnerWork {
  readonly stale: Map<string, Set<string>>;
  readonly createdAt: Map<string, Date>;
  readonly recount: Set<string>;
}

function workOf(changes: readonly StoredClientChange[]): Map<string, PartnerWork> {
  const byPartner = new Map<string, PartnerWork>();
  for (const change of changes) {
    const work = byPartner.get(change.partnerId) ?? { stale: new Map(), createdAt: new Map(), recount: new Set() };
    byPartner.set(change.partnerId, work);
    const before = indexedTerms(change.before);
    const after = indexedTerms(change.after);
    if (before.join(' ') !== after.join(' ')) {
      const stale = work.stale.get(change.clientId) ?? new Set();
      for (const prefix of searchPrefixes([...before, ...after])) stale.add(prefix);
      work.stale.set(change.clientId, stale);
      const createdAt = (change.after ?? change.before)?.createdAt;
      if (createdAt) work.createdAt.set(change.clientId, createdAt);
    }
    if (change.before?.status !== change.after?.status) work.recount.add(change.clientId);
  }
  return byPartner;
}

/** The entries that make a client's index match `current`: its prefixes now, and the stale ones it no longer has removed. */
function searchChange(partnerId: string, clientId: string, createdAt: Date, stale: ReadonlySet<string>, current: Client | undefined): SearchEntryChange {
  const terms = indexedTerms(current);
  const put = searchPrefixes(terms);
  const kept = new Set(put);
  return { partnerId, clientId, createdAt: current?.createdAt ?? createdAt, put, terms, remove: [...stale].filter((prefix) => !kept.has(prefix)) };
}

/** The count moves that bring the counted statuses to the stored ones. */
function countMoves(stored: readonly IndexedClient[]): CountMove[] {
  return stored.flatMap((each) => (each.counted === each.client?.status ? [] : [{ clientId: each.clientId, from: each.counted, to: each.client?.status }]));
}

/**
 * Keeps what derives from the clients table in step with it: the search index entries and each
 * partner's counts per status. Fed by the clients table's change stream, in batches.
 *
 * Idempotent and order-free: it reads each changed client as stored now and makes the derived
 * items match that, so replaying a shard (or a batch, or an older record after a newer one)
 * changes nothing, and an index entry never outlives its client (detach, rename, a status change
 * that hides it): every prefix a client had in the batch's records and no longer has is removed.
 *
 * 1. Group the changes by partner; a change whose search terms moved re-indexes its client, one whose status moved recounts it.
 * 2. Read those clients as stored now, with the status each is counted under.
 * 3. Write their search entries; move each client whose counted status is not its stored one (a compare-and-set;
 *    a lost race is read and moved again).
 */
export async function indexClientChanges(index: ClientIndex, changes: readonly StoredClientChange[]): Promise<{ reindexed: number; recounted: number }> {
  let reindexed = 0;
  let recounted = 0;
  for (const [partnerId, work] of workOf(changes)) {
    const ids = [...new Set([...work.stale.keys(), ...work.recount])];
    if (ids.length === 0) continue;
    const stored = new Map((await index.current(partnerId, ids)).map((each) => [each.clientId, each]));
    const search = [...work.stale].map(([clientId, stale]) =>
      searchChange(partnerId, clientId, work.createdAt.get(clientId) ?? new Date(0), stale, stored.get(clientId)?.client));
    await index.writeSearchEntries(search);
    reindexed += search.length;
    let pending = countMoves([...work.recount].map((clientId) => stored.get(clientId) ?? { clientId }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const lost = new Set(await index.recount(partnerId, pending));
      recounted += pending.length - lost.size;
      if (lost.size === 0) break;
      if (attempt >= RECOUNT_ATTEMPTS) throw new Error(`the counts of ${lost.size} clients of partner ${partnerId} kept changing`);
      pending = countMoves(await index.current(partnerId, [...lost]));
    }
  }
  return { reindexed, recounted };
}
