import type { Mail } from '../../ports/Mailer';
import type { Money } from '../Money';
import type { SpendAlert } from './SpendAlert';

/** An amount as the partner reads it in a mail: `1 234.50 RUB`. */
function shown(value: Money | undefined): string {
  if (!value) return '—';
  const sign = value.amount < 0 ? '-' : '';
  const units = Math.abs(value.amount);
  return `${sign}${Math.floor(units / 100).toLocaleString('en').replaceAll(',', ' ')}.${String(units % 100).padStart(2, '0')} ${value.currency}`;
}

/** What the alert says, in one sentence (mail subject and first line). */
export function alertSentence(alert: SpendAlert): string {
  const { facts } = alert;
  switch (alert.kind) {
    case 'threshold':
      return `Client ${alert.clientId}: ${facts.threshold?.basis === 'forecast' ? 'forecast month-end spend' : 'spend this month'} ` +
        `reached ${facts.threshold?.percent} % of its budget of ${shown(facts.budget)}`;
    case 'budget_block':
      return `Client ${alert.clientId} reached its budget of ${shown(facts.budget)}: its console sign-in is blocked`;
    case 'anomaly':
      return `Client ${alert.clientId} spent ${shown(facts.daySpend)} on ${facts.day}, over 3× its usual day (${shown(facts.median)})`;
    case 'low_balance':
      return `The balance of client ${alert.clientId} is below zero: ${shown(facts.balance)}`;
  }
}

/** The alert mail to one address. */
export function spendAlertMail(to: string, alert: SpendAlert): Mail {
  const { facts } = alert;
  const lines = [
    `${alertSentence(alert)}.`,
    '',
    ...(facts.spend ? [`Spend in ${alert.month}: ${shown(facts.spend)}`] : []),
    ...(facts.forecast ? [`Forecast for the month (linear, from the days so far): ${shown(facts.forecast)}`] : []),
    ...(alert.kind === 'budget_block' ? ['Its resources keep running; you may unblock the client in the partner console.'] : []),
    'The alert is in your partner console under Notifications.',
  ];
  return { to, subject: alertSentence(alert), text: lines.join('\n') };
}
