/**
 * A client page's Budget tab: the budget that applies (its own, or the partner's default), set or
 * change it in the budget form, remove the client's own budget after a confirmation.
 */
import { useState } from 'preact/hooks';
import { api, attempt, idempotencyKey, type Outcome } from '../../api/client';
import type { paths } from '../../api/schema';
import { useLoaded } from '../../api/useLoaded';
import { allowed } from '../../auth/membership';
import { type Catalogue, t } from '../../i18n/catalogue';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { BudgetDialog } from './BudgetDialog';
import { draftOf } from './budgetForm';
import { BudgetSummary } from './BudgetSummary';

type EffectiveBudget = paths['/clients/{id}/budget']['get']['responses'][200]['content']['application/json'];

/** Props of `ClientBudget`. */
export interface ClientBudgetProps {
  readonly clientId: string;
  /** The account's currency when the client has a balance (the form then does not ask for it). */
  readonly currency: string | undefined;
}

/** The tab. */
export function ClientBudget({ clientId, currency }: ClientBudgetProps) {
  const words = t.value;
  const page = words.budget;
  const [open, setOpen] = useState<'edit' | 'remove' | null>(null);
  // A notice is kept as words to say, so it follows a language switch.
  const [notice, setNotice] = useState<((words: Catalogue) => string) | null>(null);
  // No budget (neither its own nor a default) answers 404: the tab then offers to set one.
  const loaded = useLoaded(async (): Promise<Outcome<EffectiveBudget | null>> => {
    const outcome = await attempt(api().GET('/clients/{id}/budget', { params: { path: { id: clientId } } }));
    return !outcome.ok && outcome.problem.code === 'not_found' ? { ok: true as const, data: null } : outcome;
  }, [clientId]);
  if (loaded.problem) return <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />;
  if (loaded.loading) return loaded.slow ? <p role="status" class="loading-line">{words.common.loading}</p> : null;
  const effective = loaded.data;
  const own = effective && !effective.inherited ? effective.budget : null;
  const canChange = allowed('PUT /clients/{id}/budget');
  return (
    <section aria-labelledby="budget-heading">
      <h2 id="budget-heading">{page.title}</h2>
      {notice && <p class="notice" role="status">{notice(words)}</p>}
      <p>{!effective ? page.none : effective.inherited ? page.inherited : page.own}</p>
      {effective && <BudgetSummary budget={effective.budget} />}
      <div class="actions">
        {canChange && <button type="button" onClick={() => setOpen('edit')}>{own ? page.edit : page.set}</button>}
        {own && allowed('DELETE /clients/{id}/budget') && <button type="button" class="secondary" onClick={() => setOpen('remove')}>{page.remove}</button>}
      </div>
      {open === 'edit' && (
        <BudgetDialog
          title={own ? page.edit : page.set}
          initial={draftOf(effective?.budget ?? null, currency ?? effective?.budget.amount.currency ?? 'RUB')}
          fixedCurrency={currency !== undefined}
          onClose={() => setOpen(null)}
          onSave={async (body) => {
            const outcome = await attempt(api().PUT('/clients/{id}/budget', {
              params: { path: { id: clientId }, header: { 'Idempotency-Key': idempotencyKey() } }, body,
            }));
            if (!outcome.ok) return outcome.problem;
            setNotice(() => (w: Catalogue) => w.budget.saved);
            loaded.replace({ clientId, inherited: false, budget: outcome.data });
            return null;
          }}
        />
      )}
      {open === 'remove' && (
        <ConfirmDialog title={page.removeTitle} confirmLabel={page.remove} danger onClose={() => setOpen(null)} onConfirm={async () => {
          const outcome = await attempt(api().DELETE('/clients/{id}/budget', { params: { path: { id: clientId }, header: { 'Idempotency-Key': idempotencyKey() } } }));
          if (!outcome.ok) return outcome.problem;
          setNotice(() => (w: Catalogue) => w.budget.removed);
          loaded.retry();
          return null;
        }}>
          <p>{page.removeText}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
