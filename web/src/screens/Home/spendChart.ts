/**
 * The home screen's chart: one line of daily spend over the last 90 Moscow days, today left out
 * (it is not over). Loaded lazily (its own chunk with uPlot), like the expenses chart.
 */
import uPlot from 'uplot';

/** What the chart draws. */
export interface SpendChartInput {
  /** The currency's symbol (the y axis label). */
  readonly currency: string;
  /** Every day of the window (`YYYY-MM-DD`, Moscow) with its spend in minor units. */
  readonly days: ReadonlyArray<{ readonly day: string; readonly amount: number }>;
  /** Today (Moscow), which is not over: left out of the line, so that its spend so far never reads as a drop. */
  readonly today: string;
  readonly locale: string;
  /** The line's name in the page's language. */
  readonly label: string;
  readonly dayLabel: string;
}

/** Draws the chart into `host`; returns how to remove it. */
export function drawSpendChart(host: HTMLElement, input: SpendChartInput): () => void {
  const x = input.days.map((each) => Date.parse(`${each.day}T00:00:00+03:00`) / 1000);
  const y = input.days.map((each) => (each.day >= input.today ? null : each.amount / 100));
  const numbers = new Intl.NumberFormat(input.locale, { maximumFractionDigits: 2 });
  const days = new Intl.DateTimeFormat(input.locale, { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit' });
  const day = (seconds: number) => days.format(new Date(seconds * 1000));
  const size = () => ({ width: Math.max(280, host.clientWidth), height: 240 });
  const chart = new uPlot(
    {
      ...size(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Europe/Moscow'),
      scales: { x: { time: true } },
      axes: [{ values: (_, ticks) => ticks.map(day) }, { label: input.currency, size: 70, values: (_, ticks) => ticks.map((tick) => numbers.format(tick)) }],
      series: [
        { label: input.dayLabel, value: (_: uPlot, seconds: number | null) => (seconds === null ? '—' : day(seconds)) },
        { label: input.label, stroke: '#1f5eff', fill: 'rgba(31, 94, 255, 0.08)', width: 2, value: (_: uPlot, amount: number | null) => (amount === null ? '—' : numbers.format(amount)) },
      ],
      legend: { show: true },
    },
    [x, y],
    host,
  );
  const resize = () => chart.setSize(size());
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.destroy();
  };
}
