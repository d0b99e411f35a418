/** How the API shows partners to managers (times in ISO-8601 UTC). */
import type * as z from 'zod/mini';
import { attachedClients, type PartnerStatePreview } from '../../domain/partners/changePartnerState';
import type { PartnerRecord } from '../../domain/partners/Partner';
import type { PartnerAuditEntry } from '../../domain/partners/PartnerAuditEntry';
import type { PartnerAction } from '../../domain/partners/PartnerStanding';
import type { ClientCounts } from '../../ports/PartnerRecords';
import type { partnerAuditEntryView, partnerStatePreviewView, partnerStateResultView, partnerSummaryView } from '../docs/partners';

/** Renders a partner with its client counts for the managers' list. */
export function toPartnerSummaryView(partner: PartnerRecord, counts: ClientCounts): z.infer<typeof partnerSummaryView> {
  return {
    id: partner.partnerId,
    company: partner.name,
    email: partner.email,
    state: partner.state,
    since: partner.stateSince.toISOString(),
    createdAt: partner.createdAt.toISOString(),
    clients: attachedClients(counts),
    activeClients: counts.active,
  };
}

/** Renders one thing a manager did to a partner. */
export function toPartnerAuditEntryView(entry: PartnerAuditEntry): z.infer<typeof partnerAuditEntryView> {
  return {
    id: entry.id, at: entry.at.toISOString(), managerId: entry.managerId, action: entry.action, before: entry.before, after: entry.after, reason: entry.reason,
  };
}

/** Renders the preview of a manager's action on a partner. */
export function toPartnerStatePreviewView(preview: PartnerStatePreview): z.infer<typeof partnerStatePreviewView> {
  return {
    confirmationRequired: true,
    action: preview.action,
    partner: toPartnerSummaryView(preview.partner, preview.clients),
    to: preview.to,
    clientsByStatus: { ...preview.clients },
    effects: preview.effects.map((effect) => ({ ...effect })),
    confirmation: { token: preview.confirmation.token, expiresAt: preview.confirmation.expiresAt.toISOString() },
  };
}

/** Renders the result of a confirmed action on a partner. */
export function toPartnerStateResultView(
  action: PartnerAction,
  partner: PartnerRecord,
  counts: ClientCounts,
  endingFinished?: boolean,
): z.infer<typeof partnerStateResultView> {
  return { action, partner: toPartnerSummaryView(partner, counts), ...(endingFinished !== undefined && { endingFinished }) };
}

/** The columns of the CSV export, in order. */
const CSV_COLUMNS = ['id', 'company', 'email', 'state', 'since', 'created_at', 'clients', 'active_clients'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell an applicant
 * typed that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading `'`,
 * so a spreadsheet opening the export never runs it.
 */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A page of the managers' list as CSV: a header row, then one row per partner, CRLF line ends. */
export function toPartnersCsv(partners: ReadonlyArray<z.infer<typeof partnerSummaryView>>): string {
  const rows = partners.map((p) => [p.id, p.company, p.email, p.state, p.since, p.createdAt, p.clients, p.activeClients].map(csvCell).join(','));
  return [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}
