/**
 * Partner → one client: a header with the figures that matter first (status, balance), and tabs —
 * Profile (contact details, account and ids with copy buttons, the invitation), History (its audit
 * trail), and for a client who accepted, the balance's Detail and Expenses on services for a
 * period of Moscow days. Tab, period and grouping live in the URL.
 */
import { useState } from 'preact/hooks';
import { useLoaded } from '../../api/useLoaded';
import { balanceRead, clientRead } from '../firstReads';
import { allowed, membership, membershipProblem } from '../../auth/membership';
import { t } from '../../i18n/catalogue';
import { formatMoscowTime } from '../../i18n/format';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { BalanceFigure } from '../../ui/BalanceFigure';
import { Id } from '../../ui/CopyButton';
import { Link } from '../../ui/Link';
import { currentMoscowMonth } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { lazyPart, waitingInPlace } from '../../ui/lazy';
import { Tabs } from '../../ui/Tabs';
import { AuditTrail } from '../Audit/AuditTrail';
import { type Grouping, GROUPINGS } from './expenseGroups';
import { PeriodPicker } from './PeriodPicker';

// The Budget, Detail and Expenses tabs load when first shown (their own chunks), so the console's first download stays small.
const ClientBudget = lazyPart(() => import('../Budgets/ClientBudget').then((module) => module.ClientBudget), waitingInPlace);
const DetailTab = lazyPart(() => import('./DetailTab').then((module) => module.DetailTab), waitingInPlace);
const ExpensesTab = lazyPart(() => import('./ExpensesTab').then((module) => module.ExpensesTab), waitingInPlace);
const EditClientDialog = lazyPart(() => import('./EditClientDialog').then((module) => module.EditClientDialog), waitingInPlace);

type Tab = 'profile' | 'history' | 'detail' | 'expenses' | 'budget';

/** The screen for one client. */
export function ClientPage({ clientId }: { readonly clientId: string }) {
  const words = t.value;
  const page = words.client;
  const { query } = route.value;
  const month = currentMoscowMonth();
  const from = query.get('from') ?? month.from;
  const to = query.get('to') ?? month.to;
  const grouping = GROUPINGS.find((known) => known === query.get('group')) ?? 'day';
  const client = useLoaded(() => clientRead.take(clientId), [clientId]);
  const accepted = client.data?.status === 'active' || client.data?.status === 'blocked';
  const balance = useLoaded(
    () => (accepted ? balanceRead.take(clientId) : Promise.resolve({ ok: true as const, data: null })),
    [clientId, accepted],
  );
  // A tab shows only when the member's role may read what it shows.
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'profile', label: page.tab.profile },
    ...(allowed('GET /audit') ? [{ id: 'history' as const, label: page.tab.history }] : []),
    ...(accepted && allowed('GET /clients/{id}/balance/detail') ? [{ id: 'detail' as const, label: page.tab.detail }] : []),
    ...(accepted && allowed('GET /clients/{id}/expenses') ? [{ id: 'expenses' as const, label: page.tab.expenses }] : []),
    ...(allowed('GET /clients/{id}/budget') ? [{ id: 'budget' as const, label: words.budget.tab }] : []),
  ];
  const tab = tabs.find((known) => known.id === query.get('tab'))?.id ?? 'profile';
  const go = (next: { tab?: string; from?: string; to?: string; group?: string; cursor?: string | undefined }) =>
    navigate(withQuery(route.value.path, {
      tab: next.tab ?? tab, from: next.from ?? query.get('from'), to: next.to ?? query.get('to'), group: next.group ?? query.get('group'), cursor: next.cursor,
    }), { replace: true });
  const data = client.data;
  const name = data ? data.name ?? data.email : null;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <AppShell title={name ? page.title(name) : page.fallbackTitle}>
      <p class="breadcrumb"><Link href="/clients">← {page.back}</Link></p>
      <div class="screen-head">
        <h1 tabIndex={-1} translate={name ? false : undefined}>{name ?? page.fallbackTitle}</h1>
        {data && (
          <dl class="key-figures">
            <div><dt>{page.profile.status}</dt><dd><span class={`badge status-${data.status}`}>{words.clientStatus[data.status]}</span></dd></div>
            {accepted && (
              // Its place is kept while the balance loads, so the tabs below do not move when it comes.
              <div>
                <dt>{page.balance}</dt>
                <dd class="balance-slot">{balance.data
                  ? <><BalanceFigure money={balance.data.balance} /> <span class="muted as-of">{page.asOf(formatMoscowTime(balance.data.asOf))}</span></>
                  : <span class="muted" aria-hidden="true">…</span>}</dd>
              </div>
            )}
          </dl>
        )}
      </div>
      <ProblemMessage problem={client.problem ?? balance.problem} onRetry={() => {
        client.retry();
        balance.retry();
      }} />
      {client.slow && <p role="status" class="loading-line">{words.common.loading}</p>}
      {/* The tabs wait for the role too: it decides which tabs there are, and the one the address names may be one of them. */}
      {data && (membership.value !== null || membershipProblem.value !== null) && (
        <Tabs label={page.tabs} tabs={tabs} selected={tab} onSelect={(id) => go({ tab: id })}>
          {tab === 'profile' && (
            <>
            {allowed('PATCH /clients/{id}') && (
              <div class="table-tools">
                <button type="button" class="secondary" onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}>{words.clientEdit.edit}</button>
              </div>
            )}
            {saved && <p class="notice" role="status">{words.clientEdit.saved}</p>}
            <dl class="details">
              <div><dt>{words.clientEdit.fields.name}</dt><dd translate={false}>{data.name ?? words.common.none}</dd></div>
              <div><dt>{page.profile.email}</dt><dd translate={false}>{data.email}</dd></div>
              <div><dt>{page.profile.phone}</dt><dd translate={false}>{data.phone ?? words.common.none}</dd></div>
              <div><dt>{page.profile.account}</dt><dd>{data.accountId ? <Id value={data.accountId} /> : <span class="muted">{words.clients.setWhenAccepted}</span>}</dd></div>
              <div><dt>{page.profile.id}</dt><dd><Id value={data.id} /></dd></div>
              <div><dt>{page.profile.invitation}</dt><dd>{words.invitationStatus[data.invitation.status]}</dd></div>
              {data.invitation.status === 'pending' && (
                <>
                  <div><dt>{page.profile.expires}</dt><dd>{formatMoscowTime(data.invitation.expiresAt)}</dd></div>
                  <div><dt>{page.profile.mail}</dt><dd>{page.mail[data.invitation.mail]}</dd></div>
                </>
              )}
              <div><dt>{page.profile.created}</dt><dd>{formatMoscowTime(data.createdAt)}</dd></div>
            </dl>
            </>
          )}
          {tab === 'history' && (
            <AuditTrail clientId={clientId} from="" to="" cursor={query.get('cursor') ?? ''} onPage={(cursor) => go({ cursor })} />
          )}
          {tab === 'budget' && <ClientBudget clientId={clientId} currency={balance.data?.balance.currency} />}
          {(tab === 'detail' || tab === 'expenses') && (
            <>
              <PeriodPicker from={from} to={to} onChange={(period) => go(period)} />
              {tab === 'detail'
                ? <DetailTab clientId={clientId} from={from} to={to} />
                : <ExpensesTab clientId={clientId} from={from} to={to} grouping={grouping} onGrouping={(group: Grouping) => go({ group })} />}
            </>
          )}
        </Tabs>
      )}
      {editing && data && (
        <EditClientDialog client={data} onClose={(edited) => {
          setEditing(false);
          if (!edited) return;
          client.replace(edited);
          setSaved(true);
        }} />
      )}
    </AppShell>
  );
}
