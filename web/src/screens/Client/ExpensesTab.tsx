/**
 * "Expenses on services": debits of the period per service (most expensive first) and per day,
 * week or month of the Moscow calendar, as a chart (uPlot, loaded only when this tab shows) and as
 * tables; today's running figures are marked "so far" and left out of the chart's lines.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Expenses } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { expensesRead } from '../firstReads';
import { CATALOGUES, t } from '../../i18n/catalogue';
import { formatDay, formatMoney, formatMonth, formatPlainAmount } from '../../i18n/format';
import { type Language, language } from '../../i18n/language';
import { toCsv } from '../../ui/csv';
import { downloadCsv } from '../../ui/downloadCsv';
import { DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/Icon';
import { moscowDay } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { type ExpenseGroup, type Grouping, GROUPINGS, groupExpenses } from './expenseGroups';
import { serviceName } from './serviceName';

/** A group's period in words: a day, a week's first and last day, or a month. */
export function groupWords(group: ExpenseGroup, by: Grouping, lang: Language = language.value): string {
  if (by === 'day') return formatDay(group.from, lang);
  if (by === 'month') return formatMonth(group.from, lang);
  return CATALOGUES[lang].format.range(formatDay(group.from, lang), formatDay(group.to, lang));
}

/** The grouped expenses per service as CSV in `lang`. */
export function expensesCsv(expenses: Expenses, groups: readonly ExpenseGroup[], by: Grouping, lang: Language): string {
  const header = CATALOGUES[lang].csv.expenses;
  const rows = groups.flatMap((group) => expenses.services.map((service) => [
    groupWords(group, by, lang), serviceName(service.service, lang), formatPlainAmount(group.services.get(service.service) ?? 0, lang), expenses.currency,
  ]));
  return toCsv([header.period, header.service, header.amount, header.currency], rows, lang);
}

function ExpensesChart({ expenses, groups, grouping }: { readonly expenses: Expenses; readonly groups: readonly ExpenseGroup[]; readonly grouping: Grouping }) {
  const host = useRef<HTMLDivElement>(null);
  const words = t.value.expenses;
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./expensesChart').then(({ drawExpensesChart }) => {
      if (!disposed && host.current) {
        dispose = drawExpensesChart(host.current, {
          currency: expenses.currency,
          groups,
          services: expenses.services.map((service) => ({ slug: service.service, name: serviceName(service.service) })),
          locale: t.value.locale,
          xLabel: t.value.expenses.when[grouping],
        });
      }
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [expenses, grouping, language.value]);
  return <div class="chart" ref={host} role="img" aria-label={words.chart} />;
}

/** Props of `ExpensesTab`. */
export interface ExpensesTabProps {
  readonly clientId: string;
  readonly from: string;
  readonly to: string;
  readonly grouping: Grouping;
  readonly onGrouping: (grouping: Grouping) => void;
}

/** The tab for one client and period. */
export function ExpensesTab({ clientId, from, to, grouping, onGrouping }: ExpensesTabProps) {
  const words = t.value;
  const page = words.expenses;
  const loaded = useLoaded(
    () => expensesRead.take(clientId, from, to),
    [clientId, from, to],
  );
  const expenses = loaded.data;
  if (loaded.problem) return <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />;
  if (!expenses) return loaded.slow ? <p role="status" class="loading-line">{words.common.loading}</p> : null;
  const today = moscowDay(new Date());
  const groups = groupExpenses(expenses, grouping, today);
  const partial = groups.some((group) => group.partial);
  return (
    <>
      <div class="table-tools">
        <p class="total">{page.total(formatMoney(expenses.total))}</p>
        <div class="segmented" role="group" aria-label={page.grouping}>
          {GROUPINGS.map((by) => (
            <button type="button" class={by === grouping ? 'chip current' : 'chip'} aria-pressed={by === grouping} onClick={() => onGrouping(by)}>
              {page.group[by]}
            </button>
          ))}
        </div>
        <button type="button" class="secondary" onClick={() => downloadCsv(`${page.csvFile}-${from}-${to}-${grouping}`, expensesCsv(expenses, groups, grouping, language.value))}>
          <Icon name="download" />{words.common.exportCsv}
        </button>
      </div>
      {expenses.services.length > 0 && <ExpensesChart expenses={expenses} groups={groups} grouping={grouping} />}
      {partial && expenses.services.length > 0 && <p class="hint partial-note">{page.partialToday}</p>}
      <h2 class="section-title">{page.perService}</h2>
      <DataTable
        caption={page.perServiceCaption}
        layout="dense"
        rows={expenses.services}
        rowKey={(service) => service.service}
        empty={page.none}
        columns={[
          { header: page.service, cell: (service) => serviceName(service.service) },
          { header: page.totalColumn, numeric: true, cell: (service) => formatMoney(service.total) },
        ]}
      />
      <h2 class="section-title">{page.perGroup[grouping]}</h2>
      <DataTable
        caption={page.groupCaption[grouping]}
        layout="dense"
        rows={[...groups].reverse()}
        rowKey={(group) => group.from}
        empty={page.none}
        columns={[
          { header: page.when[grouping], nowrap: true, cell: (group) => groupWords(group, grouping) },
          {
            header: page.totalColumn,
            numeric: true,
            cell: (group) => (
              <>
                {group.partial && <span class="so-far">{page.soFar} </span>}
                {formatMoney({ amount: group.total, currency: expenses.currency })}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
