/** A spend alert (a notification) in one sentence of the page's language. */
import type { paths } from '../../api/schema';
import { t } from '../../i18n/catalogue';
import { formatDay, formatMoney } from '../../i18n/format';

/** A console notification: one fired spend alert. */
export type SpendNotification = paths['/notifications']['get']['responses'][200]['content']['application/json']['items'][number];

/** What happened, with its figures. */
export function alertWords(notification: SpendNotification): string {
  const words = t.value.alerts;
  const { facts } = notification;
  switch (notification.kind) {
    case 'threshold': {
      const threshold = facts.threshold;
      const reached = threshold ? words.threshold(threshold.percent, words.basis[threshold.basis]) : words.budget_block;
      const figure = threshold?.basis === 'forecast' ? facts.forecast : facts.spend;
      return figure && facts.budget ? `${reached}: ${words.spendOf(formatMoney(figure), formatMoney(facts.budget))}` : reached;
    }
    case 'anomaly':
      return facts.day && facts.daySpend && facts.median
        ? words.anomaly(formatDay(facts.day), formatMoney(facts.daySpend), formatMoney(facts.median))
        : words.anomalyShort;
    case 'low_balance':
      return facts.balance ? words.low_balance(formatMoney(facts.balance)) : words.lowBalanceShort;
    case 'budget_block':
      return words.budget_block;
  }
}
