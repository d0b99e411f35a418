/**
 * The partner's clients list as signals: the page on screen, the selection, and how it loads.
 * While a new page loads the rows on screen are stale: the screen makes them inert, and a failed
 * load removes them (the problem shows in their place with Retry).
 */
import { signal } from '@preact/signals';
import { api, attempt, type Outcome } from '../../api/client';
import { earlyRead } from '../../api/early';
import type { Problem } from '../../api/errorMessages';
import type { AttentionReason, ClientItem, ClientStatus } from '../../api/types';

/** Filters of the list, as they stand in the URL. */
export interface ClientFilters {
  /** The statuses shown; none: every status. */
  readonly statuses?: readonly ClientStatus[] | undefined;
  readonly search?: string | undefined;
  readonly cursor?: string | undefined;
  /** The "needs attention" view instead of the list (statuses and search do not apply). */
  readonly attention?: boolean | undefined;
}

/** Statuses the filter offers, in the order a partner meets them. */
export const CLIENT_STATUSES: readonly ClientStatus[] = ['invited', 'active', 'blocked', 'declined', 'cancelled', 'expired'];

/** Rows per page. */
export const PAGE_SIZE = 20;

/** The clients on screen. */
export const clients = signal<readonly ClientItem[]>([]);
/** The cursor of the next page, if any. */
export const nextCursor = signal<string | null>(null);
/** Cursors of the pages before this one (for "Previous page"). */
export const earlierCursors = signal<readonly string[]>([]);
/** True while a page loads: the rows on screen belong to other filters and must not be acted on. */
export const loading = signal(true);
export const listProblem = signal<Problem | null>(null);
/** The selected clients by id (kept across pages), with what the selection bar and dialogs need of them. */
export const selected = signal<ReadonlyMap<string, ClientItem>>(new Map());

/** How a client is named on screen. */
export function clientLabel(client: Pick<ClientItem, 'name' | 'email'>): string {
  return client.name ? `${client.name} (${client.email})` : client.email;
}

/** The query of one page (the search is sent only from 2 characters on). */
export function listQuery(filters: ClientFilters, limit = PAGE_SIZE) {
  const search = filters.search?.trim();
  return {
    ...(filters.statuses?.length && { status: filters.statuses.join(',') }),
    ...(search && search.length >= 2 && { search }),
    ...(filters.cursor && { cursor: filters.cursor }),
    limit: String(limit),
  };
}

/** One page of the list (the entry starts the address's first one: `startClientsReads`). */
const clientsRead = earlyRead('clients', (query: ReturnType<typeof listQuery>) => attempt(api().GET('/clients', { params: { query } })));

/** The "needs attention" view's clients. */
const attentionRead = earlyRead('attention', () => attempt(api().GET('/clients/attention')));

/** Starts the list the address shows (ordered by spend, it is another list: nothing is started). */
export function startClientsReads(filters: ClientFilters, ordered: boolean): void {
  if (ordered) return;
  if (filters.attention) attentionRead.start();
  else clientsRead.start(listQuery(filters));
}

let latest = 0;

/** How long a client this console added is shown even if the list's answer does not hold it yet. */
const ADDED_SHOWN_MS = 60_000;
/**
 * Clients this console just added: the list is read from an index that follows the clients table
 * (eventually consistent), so the add's own answer is shown at once and kept on top until the list has it.
 */
const justAdded = new Map<string, { client: ClientItem; at: number }>();

/** Shows a client the partner just added at the top of the list, at once. */
export function showAdded(client: ClientItem): void {
  justAdded.set(client.id, { client, at: Date.now() });
  clients.value = [client, ...clients.value.filter((each) => each.id !== client.id)];
}

/** A first page as answered, with the clients just added that it does not hold yet and that its filter shows. */
function withJustAdded(items: readonly ClientItem[], filters: ClientFilters): readonly ClientItem[] {
  if (filters.cursor || filters.attention || filters.search?.trim()) return items;
  const missing = [...justAdded.values()]
    .filter(({ client, at }) => Date.now() - at < ADDED_SHOWN_MS && (!filters.statuses?.length || filters.statuses.includes(client.status)))
    .map(({ client }) => client)
    .filter((client) => !items.some((each) => each.id === client.id));
  return [...missing, ...items];
}

/** How many clients the partner has per status, kept by the API as clients change (null: not loaded, or not for this role). */
export const statusCounts = signal<{ readonly counts: Readonly<Record<ClientStatus, number>>; readonly total: number } | null>(null);

/** Reloads the counts per status (a sales member, who sees only its own clients, gets none: the counts span every client). */
export async function loadStatusCounts(): Promise<void> {
  const outcome = await attempt(api().GET('/clients/summary'));
  statusCounts.value = outcome.ok ? outcome.data : null;
}

/** How many clients the filters show in all, when the counts tell (not while searching). */
export function filteredTotal(filters: ClientFilters): number | undefined {
  const known = statusCounts.value;
  if (!known || filters.search?.trim()) return undefined;
  return filters.statuses?.length ? filters.statuses.reduce((sum, status) => sum + known.counts[status], 0) : known.total;
}

/** Why each client of the "needs attention" view needs it (empty outside that view). */
export const attentionReasons = signal<ReadonlyMap<string, readonly AttentionReason[]>>(new Map());
/** How many clients need attention, and whether there are more than the view shows (null: unknown, or not for this role). */
export const attentionCount = signal<{ readonly count: number; readonly truncated: boolean } | null>(null);

/** The "needs attention" clients as a page (one answer, no cursor), remembering each one's reasons and their number. */
async function attentionPage(): Promise<Outcome<{ items: ClientItem[]; nextCursor: null }>> {
  const outcome = await attentionRead.take();
  if (!outcome.ok) return outcome;
  attentionReasons.value = new Map(outcome.data.items.map((item) => [item.id, item.reasons]));
  attentionCount.value = { count: outcome.data.items.length, truncated: outcome.data.truncated };
  return { ok: true, data: { items: outcome.data.items.map(({ reasons: _reasons, ...client }) => client), nextCursor: null } };
}

/** Reloads how many clients need attention (for the view's toggle). */
export async function loadAttentionCount(): Promise<void> {
  const outcome = await attempt(api().GET('/clients/attention'));
  attentionCount.value = outcome.ok ? { count: outcome.data.items.length, truncated: outcome.data.truncated } : null;
}

/** Loads one page; an answer to an older request (typing fast) is dropped. */
export async function loadClients(filters: ClientFilters): Promise<void> {
  const request = ++latest;
  loading.value = true;
  listProblem.value = null;
  const outcome = filters.attention ? await attentionPage() : await clientsRead.take(listQuery(filters));
  if (request !== latest) return;
  loading.value = false;
  if (!outcome.ok) {
    listProblem.value = outcome.problem;
    clients.value = [];
    nextCursor.value = null;
    return;
  }
  listProblem.value = null;
  clients.value = withJustAdded(outcome.data.items, filters);
  nextCursor.value = outcome.data.nextCursor;
}

/** Selects or unselects one client. */
export function toggleSelected(client: ClientItem): void {
  const next = new Map(selected.value);
  if (!next.delete(client.id)) next.set(client.id, client);
  selected.value = next;
}

/** Selects or unselects every client on the page. */
export function setPageSelected(on: boolean): void {
  const next = new Map(selected.value);
  for (const client of clients.value) {
    if (on) next.set(client.id, client);
    else next.delete(client.id);
  }
  selected.value = next;
}

/** Forgets the selection (after an operation). */
export function clearSelection(): void {
  selected.value = new Map();
}

/** Reads every page of the filtered list (100 per call). */
export async function allClients(filters: ClientFilters): Promise<Outcome<ClientItem[]>> {
  const items: ClientItem[] = [];
  let cursor: string | undefined;
  do {
    const outcome = await attempt(api().GET('/clients', { params: { query: listQuery({ ...filters, cursor }, 100) } }));
    if (!outcome.ok) return outcome;
    items.push(...outcome.data.items);
    cursor = outcome.data.nextCursor ?? undefined;
  } while (cursor);
  return { ok: true, data: items };
}
