/**
 * The expenses chart: one line per service over the period's days, weeks or months. A running
 * group (today is not over) is left out of the lines, so a partial day never reads as a drop.
 * Loaded lazily (its own chunk with uPlot) so the rest of the console does not carry the chart library.
 */
import uPlot from 'uplot';
import type { ExpenseGroup } from './expenseGroups';

const COLORS = ['#1f5eff', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#495057'];

/** What the chart draws. */
export interface ChartInput {
  readonly currency: string;
  readonly groups: readonly ExpenseGroup[];
  readonly services: ReadonlyArray<{ readonly slug: string; readonly name: string }>;
  /** `Intl` locale of the axis numbers and days. */
  readonly locale: string;
  /** What the x axis counts (day, week, month), in the page's language. */
  readonly xLabel: string;
}

/** Draws the chart into `host`; returns how to remove it. */
export function drawExpensesChart(host: HTMLElement, input: ChartInput): () => void {
  const x = input.groups.map((group) => Date.parse(`${group.from}T00:00:00+03:00`) / 1000);
  const series = input.services.map((service) => input.groups.map((group) => (group.partial ? null : (group.services.get(service.slug) ?? 0) / 100)));
  const numbers = new Intl.NumberFormat(input.locale, { maximumFractionDigits: 2 });
  const symbol = new Intl.NumberFormat(input.locale, { style: 'currency', currency: input.currency, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0).find((part) => part.type === 'currency')?.value ?? input.currency;
  const days = new Intl.DateTimeFormat(input.locale, { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit' });
  const day = (seconds: number) => days.format(new Date(seconds * 1000));
  const width = Math.max(280, host.clientWidth);
  const chart = new uPlot(
    {
      width,
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Europe/Moscow'),
      scales: { x: { time: true } },
      axes: [{ values: (_, ticks) => ticks.map(day) }, { label: symbol, size: 70, values: (_, ticks) => ticks.map((tick) => numbers.format(tick)) }],
      series: [
        { label: input.xLabel, value: (_: uPlot, seconds: number | null) => (seconds === null ? '—' : day(seconds)) },
        ...input.services.map((service, index) => ({
          label: service.name,
          stroke: COLORS[index % COLORS.length] ?? '#1f5eff',
          width: 2,
          value: (_: uPlot, amount: number | null) => (amount === null ? '—' : numbers.format(amount)),
        })),
      ],
      legend: { show: true },
    },
    [x, ...series],
    host,
  );
  const resize = () => chart.setSize({ width: Math.max(280, host.clientWidth), height: 260 });
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.destroy();
  };
}
