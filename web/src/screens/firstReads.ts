/**
 * The first reads of the lazily loaded screens, which the entry starts for the address it opens with
 * (`earlyRead`, `startScreenReads`) and the screens take. One module: the entry carries it whole, and
 * one small chunk is cheaper at start than one per screen.
 */
import { api, attempt } from '../api/client';
import { earlyRead } from '../api/early';
import type { ApplicationStatus } from '../api/types';

/** Home: this Moscow month's spend across the partner's clients. */
export const portfolioRead = earlyRead('portfolio', () => attempt(api().GET('/portfolio')));

/** Budgets: one page of the partner's budgets (`cursor` empty: the first). */
export const budgetsRead = earlyRead('budgets', (cursor: string) =>
  attempt(api().GET('/budgets', { params: { query: { limit: '50', ...(cursor && { cursor }) } } })));

/** Webhooks: the partner's endpoints. */
export const webhooksRead = earlyRead('webhooks', () => attempt(api().GET('/webhooks')));

/** A client page: the client. */
export const clientRead = earlyRead('client', (id: string) => attempt(api().GET('/clients/{id}', { params: { path: { id } } })));

/** A client page: its balance (read only for a client who accepted). */
export const balanceRead = earlyRead('balance', (id: string) => attempt(api().GET('/clients/{id}/balance', { params: { path: { id } } })));

/** A client page's Detail tab: one page of a period (`cursor` undefined: the first). */
export const detailRead = earlyRead('detail', (id: string, from: string, to: string, cursor: string | undefined) =>
  attempt(api().GET('/clients/{id}/balance/detail', { params: { path: { id }, query: { from, to, ...(cursor && { cursor }) } } })));

/** A client page's Expenses tab: a period. */
export const expensesRead = earlyRead('expenses', (id: string, from: string, to: string) =>
  attempt(api().GET('/clients/{id}/expenses', { params: { path: { id }, query: { from, to } } })));

/**
 * Starts what a client page's address reads first: the client, its balance (for a client who has not
 * accepted this request is spent) and, when the address names a tab and its period, the tab's first page.
 */
export function startClientReads(id: string, query: URLSearchParams): void {
  clientRead.start(id);
  balanceRead.start(id);
  const from = query.get('from');
  const to = query.get('to');
  if (!from || !to) return;
  if (query.get('tab') === 'detail') detailRead.start(id, from, to, undefined);
  if (query.get('tab') === 'expenses') expensesRead.start(id, from, to);
}

/** Statuses in the order the department works through them. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['new', 'escalated', 'contacted', 'approved', 'rejected'];

/** The applications list's filters as the address names them. */
export function applicationFilters(query: URLSearchParams) {
  return {
    status: APPLICATION_STATUSES.find((known) => known === query.get('status')),
    cursor: query.get('cursor') ?? undefined,
    mine: query.get('mine') === 'true' ? 'true' as const : undefined,
    search: query.get('search')?.trim() || undefined,
  };
}

/** Applications: one page under the address's filters. */
export const applicationsRead = earlyRead('applications', ({ status, mine, search, cursor }: ReturnType<typeof applicationFilters>) =>
  attempt(api().GET('/partner-applications', {
    params: { query: { ...(status && { status }), ...(mine && { mine }), ...(search && { search }), ...(cursor && { cursor }), limit: '50' } },
  })));

/** An application. */
export const applicationRead = earlyRead('application', (id: string) => attempt(api().GET('/partner-applications/{id}', { params: { path: { id } } })));
