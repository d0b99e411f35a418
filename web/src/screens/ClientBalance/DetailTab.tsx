/** "Detail": per Moscow day the opening, debits, deposits, withdrawals and closing, and the deposits and withdrawals, a page at a time, with their time in +03:00. */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { useLoaded } from '../../api/useLoaded';
import { DataTable } from '../../ui/DataTable';
import { formatMoney } from '../../ui/money';
import { formatMoscow } from '../../ui/moscowTime';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** The tab for one client and period. */
export function DetailTab({ clientId, from, to }: { readonly clientId: string; readonly from: string; readonly to: string }) {
  // The page of movements shown: a cursor belongs to one client and period, so it is dropped when they change.
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  useEffect(() => setCursor(undefined), [clientId, from, to]);
  const { data: detail, problem } = useLoaded(
    () => attempt(api().GET('/clients/{id}/balance/detail', { params: { path: { id: clientId }, query: { from, to, ...(cursor && { cursor }) } } })),
    [clientId, from, to, cursor],
  );

  if (problem) return <ProblemMessage problem={problem} />;
  if (!detail) return <p role="status">Loading…</p>;
  return (
    <>
      <dl class="figures">
        <div><dt>Opening</dt><dd>{formatMoney(detail.opening)}</dd></div>
        <div><dt>Deposits</dt><dd>{formatMoney(detail.totals.deposits)}</dd></div>
        <div><dt>Withdrawals</dt><dd>{formatMoney(detail.totals.withdrawals)}</dd></div>
        <div><dt>Debits</dt><dd>{formatMoney(detail.totals.debits)}</dd></div>
        <div><dt>Closing</dt><dd>{formatMoney(detail.closing)}</dd></div>
      </dl>
      <h3>Per day</h3>
      <DataTable
        caption="Balance per Moscow day"
        rows={[...detail.days].reverse()}
        rowKey={(day) => day.day}
        empty="No days in this period."
        columns={[
          { header: 'Day', nowrap: true, cell: (day) => day.day },
          { header: 'Opening', numeric: true, cell: (day) => formatMoney(day.opening) },
          { header: 'Debits', numeric: true, cell: (day) => formatMoney(day.debits) },
          { header: 'Deposits', numeric: true, cell: (day) => formatMoney(day.deposits) },
          { header: 'Withdrawals', numeric: true, cell: (day) => formatMoney(day.withdrawals) },
          { header: 'Closing', numeric: true, cell: (day) => formatMoney(day.closing) },
        ]}
      />
      <h3>Deposits and withdrawals</h3>
      <DataTable
        caption="Deposits and withdrawals"
        rows={[...detail.movements].reverse()}
        rowKey={(movement) => movement.transactionId}
        empty="No deposits or withdrawals in this period."
        columns={[
          { header: 'Time (UTC+03:00)', nowrap: true, cell: (movement) => formatMoscow(movement.occurredAt) },
          { header: 'Type', cell: (movement) => (movement.type === 'deposit' ? 'Deposit' : 'Withdrawal') },
          { header: 'Amount', numeric: true, cell: (movement) => formatMoney(movement.amount) },
          { header: 'Transaction', cell: (movement) => <code>{movement.transactionId}</code> },
        ]}
      />
      <Pager
        onFirst={cursor ? () => setCursor(undefined) : undefined}
        onNext={detail.nextCursor ? () => setCursor(detail.nextCursor ?? undefined) : undefined}
      />
    </>
  );
}
