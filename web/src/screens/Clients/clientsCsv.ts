/** CSV export of the partner's filtered clients list (every page, not just the one on screen). */
import { api, attempt, type Outcome } from '../../api/client';
import type { ClientItem } from '../../api/types';
import { formatMoscow } from '../../ui/moscowTime';
import { type ClientFilters, listQuery } from './clientList';

const HEADER = ['id', 'name', 'email', 'phone', 'accountId', 'status', 'invitation', 'balance', 'currency', 'created (Moscow)'];

/**
 * One CSV cell: quoted when needed, and a leading `=`, `+`, `-`, `@` neutralised so a spreadsheet
 * never runs a client-typed name as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows of the export (RFC 4180, CRLF line ends; balance in major units with two decimals). */
export function clientsCsv(items: readonly ClientItem[]): string {
  const rows = items.map((client) => [
    client.id, client.name ?? '', client.email, client.phone ?? '', client.accountId ?? '', client.status,
    client.invitation.status, client.balance ? (client.balance.amount / 100).toFixed(2) : '', client.balance?.currency ?? '',
    formatMoscow(client.createdAt),
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
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
