/** The audit trail of a period, newest first, with client names, paging and CSV export: the Audit screen's and a client page's history. */
import { api, attempt } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import { language } from '../../i18n/language';
import { downloadCsv } from '../../ui/downloadCsv';
import { type Column, DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/Icon';
import { Link } from '../../ui/Link';
import { moscowDayStart, nextDay } from '../../ui/moscowTime';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { auditCsv, fieldChange } from './auditCsv';
import { nameOf } from './clientNames';

/** Props of `AuditTrail`. */
export interface AuditTrailProps {
  /** One client's history, or every client's. */
  readonly clientId?: string | undefined;
  /** Moscow days, both included; empty for no bound. */
  readonly from: string;
  readonly to: string;
  readonly cursor: string;
  /** Goes to another page (undefined: the first). */
  readonly onPage: (cursor: string | undefined) => void;
}

/** The table with its states. */
export function AuditTrail({ clientId, from, to, cursor, onPage }: AuditTrailProps) {
  const words = t.value;
  const page = words.audit;
  const loaded = useLoaded(() => attempt(api().GET('/audit', {
    params: {
      query: {
        ...(clientId && { clientId }),
        ...(from && { from: moscowDayStart(from) }),
        ...(to && { to: moscowDayStart(nextDay(to)) }),
        ...(cursor && { cursor }),
        limit: '50',
      },
    },
  })), [clientId, from, to, cursor]);
  const items = loaded.data?.items;
  const next = loaded.data?.nextCursor;
  const status = (value: AuditEntry['after'] | null) => (value ? words.clientStatus[value] : words.common.none);
  const clientCell = (entry: AuditEntry) => {
    if (entry.clientId === null) return <span class="muted">{page.allClients}</span>;
    // The answer names each entry's client (one batched read on the server, never a call per client).
    const name = nameOf(entry.client);
    if (name === null) return <span class="muted" title={entry.clientId}>{page.deletedClient}</span>;
    return <Link href={`/clients/${encodeURIComponent(entry.clientId)}?tab=history`} translate={false} title={entry.clientId}>{name}</Link>;
  };
  const columns: Column<AuditEntry>[] = [
    { header: page.columns.time, nowrap: true, cell: (entry) => formatMoscowClock(entry.at) },
    ...(clientId ? [] : [{ header: page.columns.client, cell: clientCell }]),
    { header: page.columns.what, cell: (entry) => <>{page.actions[entry.action]}{entry.changes?.map((change) => <div class="muted" translate={false}>{fieldChange(change, words)}</div>)}</> },
    { header: page.columns.who, cell: (entry) => (entry.actor.email ? <span translate={false} title={entry.actor.email}>{entry.actor.email}</span> : page.actors[entry.actor.kind]) },
    { header: page.columns.status, nowrap: true, cell: (entry) => page.change(status(entry.before), status(entry.after)) },
  ];

  return (
    <>
      <div class="table-tools">
        <button type="button" class="secondary" disabled={!items?.length}
          onClick={() => items && downloadCsv(`${page.csvFile}${from ? `-${from}` : ''}${to ? `-${to}` : ''}`, auditCsv(items, language.value))}>
          <Icon name="download" />{words.common.exportCsv}
        </button>
      </div>
      <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />
      {(loaded.data || loaded.slow) && (
        <DataTable
          caption={page.caption}
          layout="dense"
          rows={items ?? []}
          loading={!loaded.data}
          rowKey={(entry) => entry.id}
          empty={page.empty}
          columns={columns}
        />
      )}
      <Pager
        onFirst={cursor ? () => onPage(undefined) : undefined}
        onNext={next ? () => onPage(next) : undefined}
      />
    </>
  );
}
