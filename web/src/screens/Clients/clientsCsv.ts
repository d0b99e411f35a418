/** CSV export of the partner's filtered clients list (`allClients` reads every page of it). */
import type { ClientItem } from '../../api/types';
import { formatMoscow } from '../../ui/moscowTime';

const HEADER = ['id', 'name', 'email', 'phone', 'accountId', 'status', 'invitation', 'balance', 'currency', 'created (Moscow)'];

/**
 * One CSV cell: quoted when needed, and text starting with `=`, `+`, `-`, `@` neutralised so a
 * spreadsheet never runs a client-typed name as a formula (plain numbers such as `-12.50` stay numbers).
 */
export function csvCell(value: string): string {
  const formula = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
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
