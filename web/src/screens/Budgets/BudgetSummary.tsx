/** A budget in a few lines: amount, thresholds, extra addresses, the block at 100 %. */
import { t } from '../../i18n/catalogue';
import { formatMoney } from '../../i18n/format';
import type { Budget } from './budgetForm';

/** The thresholds of a budget in words ("50 % (actual spend), 100 % (forecast)"). */
export function thresholdsWords(budget: Budget): string {
  const words = t.value;
  return budget.thresholds.map((each) => words.budget.thresholdSummary(each.percent, words.alerts.basis[each.basis])).join(', ');
}

/** The budget as a definition list. */
export function BudgetSummary({ budget }: { readonly budget: Budget }) {
  const words = t.value;
  return (
    <dl class="details">
      <div><dt>{words.budgets.amount}</dt><dd>{formatMoney(budget.amount)}</dd></div>
      <div><dt>{words.budgets.thresholds}</dt><dd>{thresholdsWords(budget)}</dd></div>
      <div><dt>{words.budget.emails}</dt><dd translate={false}>{budget.alertEmails.join(', ') || words.common.none}</dd></div>
      <div><dt>{words.budgets.block}</dt><dd>{budget.blockAtLimit ? words.budgets.yes : words.budgets.no}</dd></div>
    </dl>
  );
}
