/**
 * The clients list ordered by this Moscow month's spend (highest first) or by balance (lowest
 * first), with spend and budget use as columns (`GET /portfolio/clients`: one query per page).
 * Only clients that spent this month (or whose account was billed) are in these orders.
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatMoney } from '../../i18n/format';
import { navigate } from '../../router';
import { BalanceFigure } from '../../ui/BalanceFigure';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** The orders `GET /portfolio/clients` offers. */
export type SpendOrder = 'spend' | 'balance';

/** The list in one order, its pages kept in the component. */
export function SpendOrderedList({ order }: { readonly order: SpendOrder }) {
  const words = t.value;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const loaded = useLoaded(
    () => attempt(api().GET('/portfolio/clients', { params: { query: { order, limit: '20', ...(cursor && { cursor }) } } })),
    [order, cursor],
  );
  const path = (id: string) => `/clients/${encodeURIComponent(id)}`;
  if (loaded.problem) return <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />;
  return (
    <>
      <DataTable
        caption={words.spendSort.caption}
        layout="dense"
        rows={loaded.data?.items ?? []}
        rowKey={(row) => row.clientId}
        loading={loaded.slow}
        onRowClick={(row) => navigate(path(row.clientId))}
        empty={loaded.loading ? words.clients.loadingRows : order === 'spend' ? words.spendSort.noneSpend : words.spendSort.noneBalance}
        columns={[
          { header: words.clients.columns.name, cell: (row) => <Link href={path(row.clientId)} translate={false}>{row.name ?? row.email}</Link> },
          { header: words.clients.columns.status, cell: (row) => <span class={`badge status-${row.status}`}>{words.clientStatus[row.status]}</span> },
          { header: words.spendSort.spendColumn, numeric: true, cell: (row) => formatMoney(row.spend) },
          { header: words.spendSort.budgetUse, numeric: true, cell: (row) => (row.budgetUsePercent === null ? words.common.none : `${row.budgetUsePercent} %`) },
          { header: words.clients.columns.balance, numeric: true, cell: (row) => (row.balance ? <BalanceFigure money={row.balance} /> : words.common.none) },
        ]}
      />
      <Pager
        onPrevious={cursors.length > 0 ? () => setCursors(cursors.slice(0, -1)) : undefined}
        onNext={loaded.data?.nextCursor ? () => setCursors([...cursors, loaded.data?.nextCursor ?? '']) : undefined}
      />
    </>
  );
}
