/**
 * Partner → Budgets: the partner's default budget (set, change, remove) and every client's own
 * budget, one page at a time, each linking to its client's Budget tab.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { useLoaded } from '../../api/useLoaded';
import { budgetsRead } from '../firstReads';
import { allowed } from '../../auth/membership';
import { type Catalogue, t } from '../../i18n/catalogue';
import { formatMoney } from '../../i18n/format';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { clientPath } from '../Clients/Clients';
import { BudgetDialog } from './BudgetDialog';
import { type Budget, draftOf, type ListedBudget } from './budgetForm';
import { labelOf } from '../Audit/clientNames';
import { BudgetSummary, thresholdsWords } from './BudgetSummary';

/** The screen. */
export function Budgets() {
  const words = t.value;
  const page = words.budgets;
  const cursor = route.value.query.get('cursor') ?? '';
  const [earlier, setEarlier] = useState<string[]>([]);
  const [open, setOpen] = useState<'edit' | 'remove' | null>(null);
  // A notice is kept as words to say, so it follows a language switch.
  const [notice, setNotice] = useState<((words: Catalogue) => string) | null>(null);
  const loaded = useLoaded(() => budgetsRead.take(cursor), [cursor]);
  const items = loaded.data?.items ?? [];
  const perClient = items.filter((each): each is ListedBudget & { clientId: string } => each.scope === 'client' && each.clientId !== null);
  // The default comes last in the list: it is on the last page only.
  const [fallback, setFallback] = useState<Budget | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    const found = loaded.data.items.find((each) => each.scope === 'default');
    if (found || !loaded.data.nextCursor) setFallback(found ?? null);
  }, [loaded.data]);
  return (
    <AppShell title={page.title}>
      <div class="screen-head"><h1 tabIndex={-1}>{page.title}</h1></div>
      {notice && <p class="notice" role="status">{notice(words)}</p>}
      <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />
      <section aria-labelledby="default-budget">
        <h2 id="default-budget">{page.defaultTitle}</h2>
        <p>{page.defaultText}</p>
        {fallback ? <BudgetSummary budget={fallback} /> : <p class="muted">{page.noDefault}</p>}
        <div class="actions">
          {allowed('PUT /budgets/default') && <button type="button" onClick={() => setOpen('edit')}>{fallback ? page.editDefault : page.setDefault}</button>}
          {fallback && allowed('DELETE /budgets/default') && <button type="button" class="secondary" onClick={() => setOpen('remove')}>{page.removeDefault}</button>}
        </div>
      </section>
      <h2>{page.caption}</h2>
      {!loaded.problem && (
        <DataTable
          caption={page.caption}
          rows={perClient}
          rowKey={(each) => each.clientId}
          loading={loaded.slow}
          empty={loaded.loading ? words.common.loading : page.none}
          columns={[
            { header: page.client, cell: (each) => <Link href={clientPath(each.clientId, 'budget')} translate={false}>{labelOf(each.client, each.clientId)}</Link> },
            { header: page.amount, numeric: true, cell: (each) => formatMoney(each.amount) },
            { header: page.thresholds, cell: (each) => thresholdsWords(each) },
            { header: page.block, cell: (each) => (each.blockAtLimit ? page.yes : page.no) },
          ]}
        />
      )}
      <Pager
        onPrevious={cursor ? () => {
          const before = [...earlier];
          const previous = before.pop();
          setEarlier(before);
          navigate(withQuery('/budgets', { cursor: previous }));
        } : undefined}
        onNext={loaded.data?.nextCursor ? () => {
          setEarlier([...earlier, cursor]);
          navigate(withQuery('/budgets', { cursor: loaded.data?.nextCursor }));
        } : undefined}
      />
      {open === 'edit' && (
        <BudgetDialog
          title={fallback ? page.editDefault : page.setDefault}
          initial={draftOf(fallback, 'RUB')}
          fixedCurrency={false}
          onClose={() => setOpen(null)}
          onSave={async (body) => {
            const outcome = await attempt(api().PUT('/budgets/default', { body }));
            if (!outcome.ok) return outcome.problem;
            setFallback(outcome.data);
            setNotice(() => (w: Catalogue) => w.budget.saved);
            return null;
          }}
        />
      )}
      {open === 'remove' && (
        <ConfirmDialog title={page.removeDefault} confirmLabel={page.removeDefault} danger onClose={() => setOpen(null)} onConfirm={async () => {
          const outcome = await attempt(api().DELETE('/budgets/default'));
          if (!outcome.ok) return outcome.problem;
          setFallback(null);
          setNotice(() => (w: Catalogue) => w.budget.removed);
          return null;
        }}>
          <p>{page.removeDefaultText}</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}
