/** The partner's clients list as signals: the page on screen, the selection, and how it loads. */
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

/** The clients on screen. */
export const clients = signal<readonly ClientItem[]>([]);
/** The cursor of the next page, if any. */
export const nextCursor = signal<string | null>(null);
/** Cursors of the pages before this one (for "Previous page"). */
export const earlierCursors = signal<readonly string[]>([]);
export const loading = signal(false);
export const listProblem = signal<Problem | null>(null);
/** Ids of the selected clients (kept across pages). */
export const selected = signal<ReadonlySet<string>>(new Set());
/** Names of selected clients, for dialogs that list them. */
export const selectedLabels = new Map<string, string>();

/** How a client is named on screen. */
export function clientLabel(client: Pick<ClientItem, 'name' | 'email'>): string {
  return client.name ? `${client.name} (${client.email})` : client.email;
}

/** The query of one page (the search is sent only from 2 characters on). */
export function listQuery(filters: ClientFilters, limit = 20) {
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
  const outcome = await attempt(api().GET('/clients', { params: { query: listQuery(filters) } }));
  if (request !== latest) return;
  loading.value = false;
  if (!outcome.ok) {
    listProblem.value = outcome.problem;
    return;
  }
  listProblem.value = null;
  clients.value = outcome.data.items;
  nextCursor.value = outcome.data.nextCursor;
}

/** Selects or unselects one client. */
export function toggleSelected(client: ClientItem): void {
  const next = new Set(selected.value);
  if (next.delete(client.id)) selectedLabels.delete(client.id);
  else {
    next.add(client.id);
    selectedLabels.set(client.id, clientLabel(client));
  }
  selected.value = next;
}

/** Selects or unselects every client on the page. */
export function setPageSelected(on: boolean): void {
  const next = new Set(selected.value);
  for (const client of clients.value) {
    if (on) {
      next.add(client.id);
      selectedLabels.set(client.id, clientLabel(client));
    } else {
      next.delete(client.id);
      selectedLabels.delete(client.id);
    }
  }
  selected.value = next;
}

/** Forgets the selection (after an operation). */
export function clearSelection(): void {
  selectedLabels.clear();
  selected.value = new Set();
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
