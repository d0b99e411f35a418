/**
 * The expenses chart: one line per service over the period's Moscow days. Loaded lazily (its own
 * chunk with uPlot) so the rest of the console does not carry the chart library.
 */
import uPlot from 'uplot';
import type { Expenses } from '../../api/types';

const COLORS = ['#1f5eff', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#495057'];

/** Draws the chart into `host`; returns how to remove it. */
export function drawExpensesChart(host: HTMLElement, expenses: Expenses): () => void {
  const days = expenses.days.map((day) => day.day);
  const x = days.map((day) => Date.parse(`${day}T00:00:00+03:00`) / 1000);
  const series = expenses.services.map((service) => {
    const byDay = new Map(service.days.map((entry) => [entry.day, entry.amount.amount / 100]));
    return days.map((day) => byDay.get(day) ?? 0);
  });
  const width = Math.max(280, host.clientWidth);
  const chart = new uPlot(
    {
      width,
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Europe/Moscow'),
      scales: { x: { time: true } },
      axes: [{}, { label: expenses.currency, size: 70 }],
      series: [
        { label: 'Day' },
        ...expenses.services.map((service, index) => ({
          label: service.service,
          stroke: COLORS[index % COLORS.length] ?? '#1f5eff',
          width: 2,
          value: (_: uPlot, amount: number | null) => (amount === null ? '—' : amount.toFixed(2)),
        })),
      ],
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
