/**
 * The partner's clients list as signals: the page on screen, the selection, and how it loads.
 * While a new page loads the rows on screen are stale: the screen makes them inert, and a failed
 * load removes them (the problem shows in their place with Retry).
 */
import { signal } from '@preact/signals';
import { api, attempt, type Outcome } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { ClientItem, ClientStatus } from '../../api/types';

/** Filters of the list, as they stand in the URL. */
export interface ClientFilters {
  readonly status?: ClientStatus | undefined;
  readonly search?: string | undefined;
  readonly cursor?: string | undefined;
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
    ...(filters.status && { status: filters.status }),
    ...(search && search.length >= 2 && { search }),
    ...(filters.cursor && { cursor: filters.cursor }),
    limit: String(limit),
  };
}

let latest = 0;

/** Loads one page; an answer to an older request (typing fast) is dropped. */
export async function loadClients(filters: ClientFilters): Promise<void> {
  const request = ++latest;
  loading.value = true;
  listProblem.value = null;
  const outcome = await attempt(api().GET('/clients', { params: { query: listQuery(filters) } }));
  if (request !== latest) return;
  loading.value = false;
  if (!outcome.ok) {
    listProblem.value = outcome.problem;
    clients.value = [];
    nextCursor.value = null;
    return;
  }
  clients.value = outcome.data.items;
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
