/**
 * Partner → Home (the portfolio): this Moscow month's spend across every client so far, last
 * month's, the change and the month's forecast, per currency; daily spend over the last 90 days as
 * a chart (with a sentence and a table for screen readers); the top spenders; what needs attention
 * (alerts of this month, each linking to its client); and the clients per status.
 */
import { useEffect, useRef } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { paths } from '../../api/schema';
import { useLoaded } from '../../api/useLoaded';
import { portfolioRead } from '../firstReads';
import { allowed } from '../../auth/membership';
import { t } from '../../i18n/catalogue';
import { formatCount, formatDay, formatMoney, formatMonth, formatMoscowTime } from '../../i18n/format';
import { language } from '../../i18n/language';
import { AppShell } from '../../ui/AppShell';
import { BalanceFigure } from '../../ui/BalanceFigure';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { addDays } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { labelOf } from '../Audit/clientNames';
import { clientPath } from '../Clients/Clients';
import { CLIENT_STATUSES } from '../Clients/clientList';
import { currencySymbol } from '../Budgets/currencySymbol';
import { alertWords } from '../Notifications/alertWords';

type Portfolio = paths['/portfolio']['get']['responses'][200]['content']['application/json'];
type CurrencySpend = Portfolio['currencies'][number];

/** Days shown on the chart. */
const CHART_DAYS = 90;

/** Every day of the last 90 up to `today`, with its spend (0 where none was recorded). */
export function chartDays(spend: CurrencySpend, today: string): Array<{ day: string; amount: number }> {
  const byDay = new Map(spend.days.map((each) => [each.day, each.spend.amount]));
  return Array.from({ length: CHART_DAYS }, (_, index) => {
    const day = addDays(today, index - CHART_DAYS + 1);
    return { day, amount: byDay.get(day) ?? 0 };
  });
}

function SpendChart({ spend, today }: { readonly spend: CurrencySpend; readonly today: string }) {
  const host = useRef<HTMLDivElement>(null);
  const words = t.value.home;
  const days = chartDays(spend, today);
  const symbol = currencySymbol(spend.currency);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./spendChart').then(({ drawSpendChart }) => {
      if (disposed || !host.current) return;
      dispose = drawSpendChart(host.current, { currency: currencySymbol(spend.currency), days, today, locale: t.value.locale, label: t.value.home.spend, dayLabel: t.value.home.day });
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [spend, today, language.value]);
  const spent = days.filter((each) => each.amount > 0);
  // The highest day the chart draws: today is not over (nor drawn).
  const highest = spent.filter((each) => each.day !== today)
    .reduce<{ day: string; amount: number } | undefined>((top, each) => (!top || each.amount > top.amount ? each : top), undefined);
  const total = spent.reduce((sum, each) => sum + each.amount, 0);
  const money = (amount: number) => formatMoney({ amount, currency: spend.currency });
  const soFar = days.find((each) => each.day === today)?.amount ?? 0;
  return (
    <section class="home-chart" aria-labelledby={`chart-${spend.currency}`}>
      <h2 id={`chart-${spend.currency}`}>{words.chart(symbol)}</h2>
      <div class="chart" ref={host} role="img" aria-label={words.chart(symbol)} />
      {highest ? <p class="hint">{words.chartSummary(spent.length, money(total), money(highest.amount), formatDay(highest.day))}</p>
        : soFar === 0 && <p class="hint">{words.noSpend}</p>}
      {soFar > 0 && <p class="hint partial-note">{words.todaySoFar(money(soFar))}</p>}
      <details>
        <summary>{words.showTable}</summary>
        <DataTable
          caption={words.dailyTable(symbol)}
          layout="dense"
          rows={[...spent].reverse()}
          rowKey={(each) => each.day}
          empty={words.noSpend}
          columns={[
            { header: words.day, nowrap: true, cell: (each) => formatDay(each.day) },
            {
              header: words.spend,
              numeric: true,
              cell: (each) => (each.day === today ? <><span class="so-far">{t.value.expenses.soFar} </span>{money(each.amount)}</> : money(each.amount)),
            },
          ]}
        />
      </details>
    </section>
  );
}

function Figures({ spend }: { readonly spend: CurrencySpend }) {
  const words = t.value.home;
  const sign = spend.change.amount > 0 ? '+' : '';
  return (
    <dl class="key-figures home-figures">
      <div><dt>{words.thisMonth}</dt><dd>{formatMoney(spend.thisMonth)}</dd></div>
      <div><dt>{words.lastMonth}</dt><dd>{formatMoney(spend.lastMonth)}</dd></div>
      <div><dt>{words.change}</dt><dd>{sign}{formatMoney(spend.change)}</dd></div>
      <div><dt>{words.forecast}</dt><dd>{formatMoney(spend.forecast)}</dd></div>
    </dl>
  );
}

/** The screen. */
export function Home() {
  const words = t.value;
  const page = words.home;
  const portfolio = useLoaded(() => portfolioRead.take(), []);
  // The portfolio does not wait for the role; the counts are asked for once it is known to allow them (the screen may come first).
  const countsAllowed = allowed('GET /clients/summary');
  const summary = useLoaded(
    () => (countsAllowed ? attempt(api().GET('/clients/summary')) : Promise.resolve({ ok: true as const, data: null })),
    [countsAllowed],
  );
  const data = portfolio.data;
  return (
    <AppShell title={page.title}>
      <div class="screen-head">
        <h1 tabIndex={-1}>{page.title}</h1>
        {data && <p class="muted">{page.monthOf(formatMonth(`${data.month}-01`))}</p>}
      </div>
      <ProblemMessage problem={portfolio.problem} onRetry={portfolio.retry} />
      {portfolio.slow && <p role="status" class="loading-line">{words.common.loading}</p>}
      {data && (
        <>
          {data.currencies.length === 0 && <p>{page.noSpend}</p>}
          {data.currencies.map((spend) => (
            <div key={spend.currency} class="home-currency">
              <Figures spend={spend} />
              <SpendChart spend={spend} today={data.today} />
            </div>
          ))}
          <div class="home-columns">
            <section>
              <h2>{page.topSpenders}</h2>
              <DataTable
                caption={page.topSpenders}
                layout="dense"
                rows={data.topSpenders}
                rowKey={(row) => row.clientId}
                empty={page.noTopSpenders}
                columns={[
                  { header: words.clients.columns.name, cell: (row) => <Link href={clientPath(row.clientId)} translate={false}>{row.name ?? row.email}</Link> },
                  { header: words.spendSort.spendColumn, numeric: true, cell: (row) => formatMoney(row.spend) },
                  { header: words.spendSort.budgetUse, numeric: true, cell: (row) => (row.budgetUsePercent === null ? words.common.none : `${row.budgetUsePercent} %`) },
                  { header: words.clients.columns.balance, numeric: true, cell: (row) => (row.balance ? <BalanceFigure money={row.balance} /> : words.common.none) },
                ]}
              />
            </section>
            <section aria-labelledby="needs-attention">
              <h2 id="needs-attention">{page.needsAttention}</h2>
              {data.needsAttention.length === 0 ? <p class="empty">{page.nothingNeedsAttention}</p> : (
                <ul class="attention">
                  {data.needsAttention.map((alert) => (
                    <li key={alert.id} class={`attention-${alert.kind}`}>
                      <Link href={clientPath(alert.clientId)} translate={false}>{labelOf(alert.client, alert.clientId)}</Link>
                      <span>{alertWords(alert)}</span>
                      <span class="muted">{formatMoscowTime(alert.at)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
      {/* Under the portfolio and shown with it: counts that came first would be pushed down by it (a layout shift). */}
      {data && summary.data && (
        <section aria-labelledby="per-status">
          <h2 id="per-status">{page.perStatus}</h2>
          <ul class="status-counts">
            {CLIENT_STATUSES.map((status) => (
              <li key={status}>
                <Link href={`/clients?status=${status}`}>
                  <span class={`badge status-${status}`}>{words.clientStatus[status]}</span> {formatCount(summary.data?.counts[status] ?? 0)}
                </Link>
              </li>
            ))}
            <li><Link href="/clients">{page.allClients(summary.data.total)}</Link></li>
          </ul>
        </section>
      )}
      <ProblemMessage problem={summary.problem} onRetry={summary.retry} />
    </AppShell>
  );
}
