/**
 * The one budget form (a client's, the default, a selection's): the monthly amount in the
 * account's currency (major units), thresholds (50 / 80 / 100 % of actual spend to start with, up
 * to 10, each on actual spend or the forecast), more addresses to alert, and the block at 100 %,
 * off until the partner switches it on under the plain words of what it does.
 */
import { useState } from 'preact/hooks';
import type { Problem } from '../../api/errorMessages';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { meetsRule } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { currencySymbol } from './currencySymbol';
import { type Basis, BUDGET_LIMITS, type BudgetBody, type BudgetDraft, budgetBody, draftProblems } from './budgetForm';

/** Props of `BudgetDialog`. */
export interface BudgetDialogProps {
  readonly title: string;
  readonly initial: BudgetDraft;
  /** The account's currency is known (a client with a balance): the form does not ask for it. */
  readonly fixedCurrency: boolean;
  /** Sends the body; returns a problem to show, or null when saved (the dialog then closes). */
  readonly onSave: (body: BudgetBody) => Promise<Problem | null>;
  readonly onClose: () => void;
}

/** The form in a dialog. */
export function BudgetDialog({ title, initial, fixedCurrency, onSave, onClose }: BudgetDialogProps) {
  const words = t.value.budget;
  const [draft, setDraft] = useState(initial);
  const [wrong, setWrong] = useState<ReturnType<typeof draftProblems>>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const setThreshold = (index: number, change: Partial<{ percent: string; basis: Basis }>) =>
    setDraft({ ...draft, thresholds: draft.thresholds.map((each, at) => (at === index ? { ...each, ...change } : each)) });

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems = draftProblems(draft, (text) => meetsRule(text, { kind: 'email' }));
    setWrong(problems);
    if (problems.length > 0) {
      setTimeout(() => document.getElementById(`budget-${problems[0]}`)?.focus(), 0);
      return;
    }
    setBusy(true);
    const failed = await onSave(budgetBody(draft));
    setBusy(false);
    if (failed) setProblem(failed);
    else onClose();
  };
  const invalid = (field: (typeof wrong)[number]) => (wrong.includes(field) ? true : undefined);

  return (
    <Dialog title={title} onClose={onClose}>
      <form class="budget-form" noValidate onSubmit={(event) => void submit(event)}>
        <ProblemMessage problem={problem} />
        <div class={`field${wrong.includes('amount') ? ' has-error' : ''}`}>
          <label for="budget-amount">{words.amount(currencySymbol(draft.currency))}</label>
          <input id="budget-amount" inputMode="decimal" autoComplete="off" value={draft.amount} aria-invalid={invalid('amount')}
            aria-describedby={wrong.includes('amount') ? 'budget-amount-hint budget-amount-error' : 'budget-amount-hint'}
            onInput={(event) => setDraft({ ...draft, amount: event.currentTarget.value })} />
          <p class="hint" id="budget-amount-hint">{words.amountHint}</p>
          {wrong.includes('amount') && <p class="field-error" id="budget-amount-error">{words.invalidAmount}</p>}
        </div>
        {!fixedCurrency && (
          <div class={`field${wrong.includes('currency') ? ' has-error' : ''}`}>
            <label for="budget-currency">{words.currency}</label>
            <input id="budget-currency" maxLength={3} autoComplete="off" value={draft.currency} aria-invalid={invalid('currency')}
              onInput={(event) => setDraft({ ...draft, currency: event.currentTarget.value.toUpperCase() })} />
          </div>
        )}
        <fieldset class={`thresholds${wrong.includes('thresholds') ? ' has-error' : ''}`} aria-describedby="budget-thresholds-hint">
          <legend>{words.thresholds}</legend>
          <p class="hint" id="budget-thresholds-hint">{words.thresholdsHint}</p>
          {draft.thresholds.map((threshold, index) => (
            <div class="threshold-row" key={index}>
              <div class="field">
                <label for={index === 0 ? 'budget-thresholds' : `budget-threshold-${index}`}>{words.percent(index + 1)}</label>
                <input id={index === 0 ? 'budget-thresholds' : `budget-threshold-${index}`} inputMode="numeric" value={threshold.percent}
                  aria-invalid={invalid('thresholds')} onInput={(event) => setThreshold(index, { percent: event.currentTarget.value })} />
              </div>
              <div class="field">
                <label for={`budget-basis-${index}`}>{words.basisOf(index + 1)}</label>
                <select id={`budget-basis-${index}`} value={threshold.basis} onChange={(event) => setThreshold(index, { basis: event.currentTarget.value as Basis })}>
                  <option value="actual">{words.basis.actual}</option>
                  <option value="forecast">{words.basis.forecast}</option>
                </select>
              </div>
              {draft.thresholds.length > 1 && (
                <button type="button" class="quiet" aria-label={words.removeThreshold(index + 1)}
                  onClick={() => setDraft({ ...draft, thresholds: draft.thresholds.filter((_, at) => at !== index) })}>×</button>
              )}
            </div>
          ))}
          {wrong.includes('thresholds') && <p class="field-error">{words.invalidPercent}</p>}
          {draft.thresholds.length < BUDGET_LIMITS.thresholds && (
            <button type="button" class="secondary" onClick={() => setDraft({ ...draft, thresholds: [...draft.thresholds, { percent: '', basis: 'actual' }] })}>
              {words.addThreshold}
            </button>
          )}
        </fieldset>
        <div class={`field${wrong.includes('emails') ? ' has-error' : ''}`}>
          <label for="budget-emails">{words.emails}</label>
          <textarea id="budget-emails" rows={3} value={draft.emails} aria-invalid={invalid('emails')} aria-describedby="budget-emails-hint"
            onInput={(event) => setDraft({ ...draft, emails: event.currentTarget.value })} />
          <p class="hint" id="budget-emails-hint">{words.emailsHint}</p>
          {wrong.includes('emails') && <p class="field-error">{words.invalidEmails}</p>}
        </div>
        <div class="block-option">
          <p id="budget-block-means">{words.blockMeans}</p>
          <label class="check">
            <input type="checkbox" checked={draft.blockAtLimit} aria-describedby="budget-block-means"
              onChange={(event) => setDraft({ ...draft, blockAtLimit: event.currentTarget.checked })} />
            {words.block}
          </label>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>{words.save}</button>
          <button type="button" class="secondary" onClick={onClose}>{t.value.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
