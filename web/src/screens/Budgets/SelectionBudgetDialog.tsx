/**
 * The budget form for a selection of the clients list (`POST /budgets/bulk`): the same budget on
 * every selected client; a client whose account is in another currency is skipped, and the answer
 * says per client what happened.
 */
import { useRef } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { t } from '../../i18n/catalogue';
import { BudgetDialog } from './BudgetDialog';
import { draftOf } from './budgetForm';

/** What happened to the selection: set, skipped (another currency), not found. */
export interface SelectionBudgetResult {
  readonly set: number;
  readonly skipped: number;
  readonly notFound: number;
}

/** Props of `SelectionBudgetDialog`. */
export interface SelectionBudgetDialogProps {
  readonly clientIds: readonly string[];
  /** The currency of the selected balances, when they share one. */
  readonly currency: string | undefined;
  readonly onClose: (result: SelectionBudgetResult | null) => void;
}

/** The form in a dialog, for the selection. */
export function SelectionBudgetDialog({ clientIds, currency, onClose }: SelectionBudgetDialogProps) {
  const result = useRef<SelectionBudgetResult | null>(null);
  return (
    <BudgetDialog
      title={t.value.budgets.forSelection(clientIds.length)}
      initial={draftOf(null, currency ?? 'RUB')}
      fixedCurrency={false}
      onClose={() => onClose(result.current)}
      onSave={async (body) => {
        const outcome = await attempt(api().POST('/budgets/bulk', { body: { ...body, clientIds: [...clientIds] } }));
        if (!outcome.ok) return outcome.problem;
        const count = (kind: string) => outcome.data.results.filter((each) => each.result === kind).length;
        result.current = { set: count('set'), skipped: count('skipped'), notFound: count('not_found') };
        return null;
      }}
    />
  );
}
