/**
 * Partner → Client → Balance: the client's current balance, and two tabs for a period of Moscow
 * days (default: this month so far) — "Detail" and "Expenses on services". Tab and period live in the URL.
 */
import { api, attempt } from '../../api/client';
import { useLoaded } from '../../api/useLoaded';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { Link } from '../../ui/Link';
import { formatMoney } from '../../ui/money';
import { currentMoscowMonth, formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Tabs } from '../../ui/Tabs';
import { DetailTab } from './DetailTab';
import { ExpensesTab } from './ExpensesTab';
import { PeriodPicker } from './PeriodPicker';

const TABS = [{ id: 'detail', label: 'Detail' }, { id: 'expenses', label: 'Expenses on services' }] as const;

/** The screen for one client. */
export function ClientBalance({ clientId }: { readonly clientId: string }) {
  const { query } = route.value;
  const month = currentMoscowMonth();
  const from = query.get('from') ?? month.from;
  const to = query.get('to') ?? month.to;
  const tab = query.get('tab') === 'expenses' ? 'expenses' : 'detail';
  const client = useLoaded(() => attempt(api().GET('/clients/{id}', { params: { path: { id: clientId } } })), [clientId]);
  const { data: balance, problem } = useLoaded(() => attempt(api().GET('/clients/{id}/balance', { params: { path: { id: clientId } } })), [clientId]);
  const name = client.data ? client.data.name ?? client.data.email : null;

  const go = (next: { tab?: string; from?: string; to?: string }) =>
    navigate(withQuery(route.value.path, { tab: next.tab ?? tab, from: next.from ?? from, to: next.to ?? to }), { replace: true });

  return (
    <AppShell title={`Balance${name ? ` of ${name}` : ''}`}>
      <p class="breadcrumb"><Link href="/clients">← Clients</Link></p>
      <h1 tabIndex={-1}>Balance{name && <> of {name}</>}</h1>
      <ProblemMessage problem={problem} />
      {balance && (
        <p class="current-balance">
          Current balance <strong>{formatMoney(balance.balance)}</strong>
          <span class="muted"> as of {formatMoscow(balance.asOf)} Moscow time</span>
        </p>
      )}
      {!problem && (
        <>
          <PeriodPicker from={from} to={to} onChange={(period) => go(period)} />
          <Tabs label="Balance views" tabs={TABS} selected={tab} onSelect={(id) => go({ tab: id })}>
            {tab === 'detail'
              ? <DetailTab clientId={clientId} from={from} to={to} />
              : <ExpensesTab clientId={clientId} from={from} to={to} />}
          </Tabs>
        </>
      )}
    </AppShell>
  );
}
