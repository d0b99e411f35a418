/**
 * "Expenses on services": debits of the period per service (most expensive first) and per day, as a
 * chart (uPlot, loaded only when this tab shows) and as tables.
 */
import { useEffect, useRef } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Expenses } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { DataTable } from '../../ui/DataTable';
import { formatMoney } from '../../ui/money';
import { ProblemMessage } from '../../ui/ProblemMessage';

function ExpensesChart({ expenses }: { readonly expenses: Expenses }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./expensesChart').then(({ drawExpensesChart }) => {
      if (!disposed && host.current) dispose = drawExpensesChart(host.current, expenses);
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [expenses]);
  return <div class="chart" ref={host} role="img" aria-label="Expenses per service and day; the same figures are in the tables below" />;
}

/** The tab for one client and period. */
export function ExpensesTab({ clientId, from, to }: { readonly clientId: string; readonly from: string; readonly to: string }) {
  const { data: expenses, problem } = useLoaded(
    () => attempt(api().GET('/clients/{id}/expenses', { params: { path: { id: clientId }, query: { from, to } } })),
    [clientId, from, to],
  );

  if (problem) return <ProblemMessage problem={problem} />;
  if (!expenses) return <p role="status">Loading…</p>;
  return (
    <>
      <p class="total">Total expenses: <strong>{formatMoney(expenses.total)}</strong></p>
      {expenses.services.length > 0 && <ExpensesChart expenses={expenses} />}
      <h3>Per service</h3>
      <DataTable
        caption="Expenses per service"
        rows={expenses.services}
        rowKey={(service) => service.service}
        empty="No expenses in this period."
        columns={[
          { header: 'Service', cell: (service) => service.service },
          { header: 'Total', numeric: true, cell: (service) => formatMoney(service.total) },
        ]}
      />
      <h3>Per day</h3>
      <DataTable
        caption="Expenses per Moscow day"
        rows={[...expenses.days].reverse()}
        rowKey={(day) => day.day}
        empty="No expenses in this period."
        columns={[
          { header: 'Day', nowrap: true, cell: (day) => day.day },
          { header: 'Total', numeric: true, cell: (day) => formatMoney(day.total) },
        ]}
      />
    </>
  );
}
