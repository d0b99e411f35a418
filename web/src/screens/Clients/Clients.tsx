/**
 * Partner → Clients: the partner's clients with their status, invitation and balance; filter by
 * status and search (kept in the URL), page through, select several and block / unblock / delete
 * those it applies to, act on one from its menu, open one (its page), add a client, export the
 * filtered list as CSV.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useSlow } from '../../api/useLoaded';
import type { ClientAction, ClientItem, ClientStatus } from '../../api/types';
import { allowed, membership } from '../../auth/membership';
import { type Catalogue, t } from '../../i18n/catalogue';
import { formatCount, formatDay, formatMoscowTime } from '../../i18n/format';
import { moscowDay } from '../../ui/moscowTime';
import { language } from '../../i18n/language';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { BalanceFigure } from '../../ui/BalanceFigure';
import { Id } from '../../ui/CopyButton';
import { downloadCsv } from '../../ui/downloadCsv';
import { type Column, DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/Icon';
import { useKeptFocus } from '../../ui/keptFocus';
import { Link } from '../../ui/Link';
import { Menu, type MenuItem } from '../../ui/Menu';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  allClients, attentionCount, attentionReasons, CLIENT_STATUSES, loadAttentionCount, type ClientFilters, clearSelection, clientLabel, clients, earlierCursors, filteredTotal, listProblem, loadClients,
  loadStatusCounts, loading, nextCursor, PAGE_SIZE, selected, setPageSelected, statusCounts, toggleSelected,
} from './clientList';
import { clientsCsv } from './clientsCsv';
import type { OperationResults } from './OperationDialog';
import { lazyPart, waitingInPlace } from '../../ui/lazy';

/** The spend order of the list (`GET /portfolio/clients`). */
const SPEND_ORDERS = ['spend', 'balance'] as const;
// The spend and team parts load when first used (their own chunks).
const SpendOrderedList = lazyPart(() => import('./SpendOrderedList').then((module) => module.SpendOrderedList), waitingInPlace);
const SelectionBudgetDialog = lazyPart(() => import('../Budgets/SelectionBudgetDialog').then((module) => module.SelectionBudgetDialog), waitingInPlace);
const AssignDialog = lazyPart(() => import('../Team/AssignDialog').then((module) => module.AssignDialog), waitingInPlace);
// So are the add and bulk-operation dialogs: the first download holds the list, not what a click opens.
const AddClientDialog = lazyPart(() => import('./AddClientDialog').then((module) => module.AddClientDialog), waitingInPlace);
const OperationDialog = lazyPart(() => import('./OperationDialog').then((module) => module.OperationDialog), waitingInPlace);

const SEARCH_DEBOUNCE_MS = 300;

/** The catalogue's word for each reason a client needs attention. */
const REASON_WORDS = { negative_balance: 'negativeBalance', invitation_expiring: 'expiringInvitation', mail_failed: 'mailFailed' } as const;

/** The address of a client's page (its tab optional). */
export function clientPath(id: string, tab?: string): string {
  return withQuery(`/clients/${encodeURIComponent(id)}`, { tab });
}

function invitationWords(client: ClientItem): string {
  const words = t.value.clients;
  const { invitation } = client;
  if (invitation.status !== 'pending') return t.value.invitationStatus[invitation.status];
  const until = words.pendingUntil(formatMoscowTime(invitation.expiresAt));
  return invitation.mail === 'failed' ? `${until}; ${words.mailFailed}` : invitation.mail === 'pending' ? `${until}; ${words.mailPending}` : until;
}

/** What a dialog on this screen is doing. */
type Open =
  | { kind: 'operation'; action: ClientAction; clients: ReadonlyMap<string, string>; results?: OperationResults }
  | { kind: 'add' }
  | { kind: 'cancel-invitation'; client: ClientItem }
  | { kind: 'budget' | 'assign'; clientIds: readonly string[] }
  | null;

/** The filters as they are in the URL. */
export function filtersFromUrl(query: URLSearchParams): ClientFilters {
  const named = (query.get('status') ?? '').split(',');
  return {
    statuses: CLIENT_STATUSES.filter((known) => named.includes(known)),
    search: query.get('search') ?? undefined,
    cursor: query.get('cursor') ?? undefined,
    attention: query.get('view') === 'attention',
  };
}

/** Which selected clients an action applies to (delete applies to every one). */
function applicable(action: ClientAction, chosen: ReadonlyMap<string, ClientItem>): Map<string, string> {
  const fits = (client: ClientItem) => action === 'delete' || (action === 'block' ? client.status === 'active' : client.status === 'blocked');
  return new Map([...chosen.values()].filter(fits).map((client) => [client.id, clientLabel(client)]));
}

/** The screen. */
export function Clients() {
  const words = t.value;
  const filters = filtersFromUrl(route.value.query);
  // Ordered by spend or balance, the list is the portfolio's (its own columns, no filters); only for roles that see spend.
  const order = allowed('GET /portfolio/clients') ? SPEND_ORDERS.find((known) => known === route.value.query.get('order')) : undefined;
  const [searchText, setSearchText] = useState(filters.search ?? '');
  const [open, setOpen] = useState<Open>(null);
  // A notice is kept as words to say, so it follows a language switch.
  const [notice, setNotice] = useState<((words: Catalogue) => string) | null>(null);
  const [lastOperation, setLastOperation] = useState<{ action: ClientAction; clients: ReadonlyMap<string, string>; results: OperationResults } | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const reloadCounts = () => {
    // Counts and the attention view span every client of the partner: not asked for a role that sees only its own.
    if (allowed('GET /clients/summary')) void loadStatusCounts();
    if (!filtersFromUrl(route.value.query).attention && allowed('GET /clients/attention')) void loadAttentionCount();
  };
  const reload = () => {
    void loadClients(filtersFromUrl(route.value.query));
    reloadCounts();
  };
  const slow = useSlow(loading.value);
  // A row's menu button keeps focus through the reload its action starts.
  const listBox = useKeptFocus(loading.value);
  const statusParam = filters.statuses?.join(',') ?? '';
  // Right after sign-in the role is not known yet: the counts are asked for again once it is.
  const role = membership.value?.member.role;

  useEffect(() => void loadClients(filtersFromUrl(route.value.query)), [statusParam, filters.search, filters.cursor, filters.attention]);
  useEffect(reloadCounts, [role, statusParam, filters.search, filters.cursor, filters.attention]);
  useEffect(() => {
    if ((filters.search ?? '') === searchText) return;
    const timer = setTimeout(() => {
      earlierCursors.value = [];
      navigate(withQuery('/clients', { status: statusParam, search: searchText }), { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const go = (next: ClientFilters) => navigate(withQuery('/clients', {
    status: next.statuses?.join(','), search: next.search, cursor: next.cursor, view: next.attention ? 'attention' : undefined,
  }));
  const say = (text: (words: Catalogue) => string) => {
    setActionProblem(null);
    setLastOperation(null);
    setNotice(() => text);
  };
  const operate = (action: ClientAction, ids: ReadonlyMap<string, string>) => setOpen({ kind: 'operation', action, clients: ids });
  const resend = async (client: ClientItem) => {
    const outcome = await attempt(api().POST('/clients/{id}/invitation/resend', {
      params: { path: { id: client.id }, header: { 'Idempotency-Key': idempotencyKey() } },
    }));
    if (outcome.ok) say((w) => w.clients.resent(client.email));
    else setActionProblem(outcome.problem);
    reload();
  };
  const exportCsv = async () => {
    const outcome = await allClients({ statuses: filters.statuses, search: filters.search });
    if (!outcome.ok) return setActionProblem(outcome.problem);
    downloadCsv(`${words.clients.csvFile}${statusParam ? `-${statusParam.replaceAll(',', '-')}` : ''}`, clientsCsv(outcome.data, language.value));
    say((w) => w.common.exported(outcome.data.length));
  };

  const menuItems = (client: ClientItem): MenuItem[] => {
    const one = new Map([[client.id, clientLabel(client)]]);
    const menu = words.clients.menu;
    const items: MenuItem[] = [{ label: menu.open, run: () => navigate(clientPath(client.id)) }];
    // Only what the member's role may do is offered.
    const accepted = client.status === 'active' || client.status === 'blocked';
    if (accepted && allowed('GET /clients/{id}/balance/detail')) items.push({ label: menu.balance, run: () => navigate(clientPath(client.id, 'detail')) });
    if (allowed('GET /audit')) items.push({ label: menu.history, run: () => navigate(clientPath(client.id, 'history')) });
    const operates = allowed('POST /clients/bulk');
    if (operates && client.status === 'active') items.push({ label: menu.block, run: () => operate('block', one) });
    if (operates && client.status === 'blocked') items.push({ label: menu.unblock, run: () => operate('unblock', one) });
    if (client.status === 'invited' && allowed('POST /clients/{id}/invitation/resend')) {
      items.push({ label: menu.resend, run: () => void resend(client) });
      items.push({ label: menu.cancelInvitation, run: () => setOpen({ kind: 'cancel-invitation', client }) });
    }
    if (operates) items.push({ label: menu.delete, danger: true, run: () => operate('delete', one) });
    return items;
  };

  const column = words.clients.columns;
  const columns: Column<ClientItem>[] = [
    {
      header: column.name,
      class: 'c-name',
      cell: (client) => <Link href={clientPath(client.id)} translate={false} title={client.name ?? client.email}>{client.name ?? client.email}</Link>,
    },
    { header: column.email, class: 'c-email', cell: (client) => <span translate={false} title={client.email}>{client.email}</span> },
    { header: column.account, class: 'c-account', cell: (client) => (client.accountId ? <Id value={client.accountId} /> : <span class="muted">{words.clients.setWhenAccepted}</span>) },
    { header: column.status, class: 'c-status', cell: (client) => <span class={`badge status-${client.status}`}>{words.clientStatus[client.status]}</span> },
    { header: column.invitation, class: 'c-invitation', cell: (client) => <span title={invitationWords(client)}>{invitationWords(client)}</span> },
    { header: column.balance, class: 'c-balance', numeric: true, cell: (client) => (client.balance ? <BalanceFigure money={client.balance} /> : words.common.none) },
    { header: column.created, class: 'c-created', nowrap: true, cell: (client) => <span title={formatMoscowTime(client.createdAt)}>{formatDay(moscowDay(new Date(client.createdAt)))}</span> },
    ...(filters.attention ? [{
      header: words.clientCounts.attention,
      class: 'c-reasons',
      cell: (client: ClientItem) => (attentionReasons.value.get(client.id) ?? []).map((reason) => <span class="badge attention">{words.clientCounts.reasons[REASON_WORDS[reason]]}</span>),
    }] : []),
    { header: column.actions, hideHeader: true, class: 'c-actions', cell: (client) => <Menu label={words.clients.actionsFor(clientLabel(client))} items={menuItems(client)} /> },
  ];

  const selection = selected.value;
  const filtered = Boolean(filters.statuses?.length || (filters.search ?? '').trim());
  const counts = statusCounts.value;
  const needing = attentionCount.value;
  const total = filters.attention ? needing?.count : filteredTotal(filters);
  const toggleStatus = (status: ClientStatus, on: boolean) => {
    earlierCursors.value = [];
    const chosen = on ? [...(filters.statuses ?? []), status] : (filters.statuses ?? []).filter((each) => each !== status);
    go({ statuses: CLIENT_STATUSES.filter((known) => chosen.includes(known)), search: filters.search });
  };
  const toggleAttention = () => {
    earlierCursors.value = [];
    go(filters.attention ? { statuses: filters.statuses, search: filters.search } : { attention: true });
  };
  const pageStart = earlierCursors.value.length * PAGE_SIZE;
  const bar = allowed('POST /clients/bulk') ? (['block', 'unblock', 'delete'] as const).map((action) => ({ action, ids: applicable(action, selection) })) : [];
  const selectedIds = [...selection.keys()];
  const currencies = new Set([...selection.values()].flatMap((client) => (client.balance ? [client.balance.currency] : [])));
  const problem = listProblem.value;
  return (
    <AppShell title={words.clients.title}>
      {/* A compact head (issue 28: 20 rows fit a 1280×800 screen): title, order, search and actions on one
          line, the status toggles on the next. */}
      <div class="screen-head list-head">
        <h1 tabIndex={-1}>{words.clients.title}</h1>
        <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
          {allowed('GET /portfolio/clients') && (
            <div class="field">
              {/* Named for screen readers only: the chosen option says the order. */}
              <label for="client-order" class="visually-hidden">{words.spendSort.label}</label>
              <select id="client-order" value={order ?? ''} onChange={(event) => navigate(withQuery('/clients', { order: event.currentTarget.value }))}>
                <option value="">{words.spendSort.default}</option>
                {SPEND_ORDERS.map((each) => <option value={each}>{words.spendSort[each]}</option>)}
              </select>
            </div>
          )}
          {!order && (
            <div class="field grow">
              {/* Named for screen readers only: the placeholder says what to type, and a list row more fits a desktop. */}
              <label for="client-search" class="visually-hidden">{words.clients.search}</label>
              <input id="client-search" type="search" value={searchText} placeholder={words.clients.searchPlaceholder} title={words.clients.searchHint}
                aria-describedby="client-search-hint" onInput={(event) => setSearchText(event.currentTarget.value)} />
              <p class="visually-hidden" id="client-search-hint">{words.clients.searchHint}</p>
            </div>
          )}
        </form>
        <div class="actions">
          {allowed('POST /clients') && <button type="button" onClick={() => setOpen({ kind: 'add' })}><Icon name="plus" />{words.clients.add}</button>}
          <button type="button" class="secondary" onClick={() => void exportCsv()}><Icon name="download" />{words.common.exportCsv}</button>
        </div>
        {!order && (
          <fieldset class="status-chips">
            <legend>{words.clients.status}</legend>
            {CLIENT_STATUSES.map((status) => (
              <label class={`chip${filters.statuses?.includes(status) ? ' on' : ''}`}>
                <input type="checkbox" checked={filters.statuses?.includes(status) ?? false} onChange={(event) => toggleStatus(status, event.currentTarget.checked)} />
                {counts ? words.clientCounts.statusCount(words.clientStatus[status], formatCount(counts.counts[status])) : words.clientStatus[status]}
              </label>
            ))}
            {needing && (
              <button type="button" class={`chip attention-toggle${filters.attention ? ' on' : ''}`} aria-pressed={filters.attention} title={words.clientCounts.attentionHint}
                onClick={toggleAttention}>
                <Icon name="warning" />{words.clientCounts.statusCount(words.clientCounts.attention, `${formatCount(needing.count)}${needing.truncated ? '+' : ''}`)}
              </button>
            )}
          </fieldset>
        )}
      </div>
      {notice && <p class="notice" role="status">{notice(words)}</p>}
      {lastOperation && (
        <p class="notice" role="status">
          {words.operation.resultSummary[lastOperation.action](lastOperation.results.summary.done, lastOperation.results.summary.skipped,
            lastOperation.results.summary.notFound, lastOperation.results.summary.failed)}{' '}
          <button type="button" class="link" onClick={() => setOpen({ kind: 'operation', ...lastOperation })}>{words.operation.showReport}</button>
        </p>
      )}
      <ProblemMessage problem={actionProblem} />
      {selection.size > 0 && (
        <div class="selection-bar" role="region" aria-label={words.clients.selectedRegion}>
          <span class="selection-count">{words.clients.selected(selection.size)}</span>
          {bar.filter(({ ids }) => ids.size > 0).map(({ action, ids }) => (
            <button type="button" class={action === 'delete' ? 'danger' : undefined} disabled={loading.value} onClick={() => operate(action, ids)}>
              {ids.size === selection.size ? words.operation.title[action] : words.clients.applies(words.operation.title[action], ids.size)}
            </button>
          ))}
          {allowed('POST /budgets/bulk') && (
            <button type="button" class="secondary" onClick={() => setOpen({ kind: 'budget', clientIds: selectedIds })}>{words.budgets.forSelection(selection.size)}</button>
          )}
          {allowed('POST /clients/assignments') && (
            <button type="button" class="secondary" onClick={() => setOpen({ kind: 'assign', clientIds: selectedIds })}>{words.team.assign}</button>
          )}
          <button type="button" class="quiet" onClick={clearSelection}>{words.clients.clearSelection}</button>
          {bar.filter(({ action, ids }) => action !== 'delete' && ids.size > 0 && ids.size < selection.size).map(({ action, ids }) => (
            <p class="hint">
              {words.operation.title[action]}: {words.clients.willSkip(selection.size - ids.size, action === 'block' ? words.clients.skipBlock : words.clients.skipUnblock)}
            </p>
          ))}
        </div>
      )}
      {order ? <SpendOrderedList order={order} /> : problem ? <ProblemMessage problem={problem} onRetry={reload} /> : (
        <div ref={listBox} class={loading.value && !slow ? 'stale' : undefined} inert={loading.value && !slow}>
          <DataTable
            caption={words.clients.caption}
            layout="dense clients-table"
            columns={columns}
            rows={clients.value}
            rowKey={(client) => client.id}
            onRowClick={(client) => navigate(clientPath(client.id))}
            loading={slow}
            empty={loading.value ? words.clients.loadingRows : filters.attention ? words.clientCounts.noneNeedAttention : filtered ? words.clients.noMatch : (
              <>
                <p>{words.clients.noneYet}</p>
                {allowed('POST /clients') && <button type="button" onClick={() => setOpen({ kind: 'add' })}><Icon name="plus" />{words.clients.add}</button>}
              </>
            )}
            selection={{
              selected: new Set(selection.keys()),
              toggle: (id) => {
                const client = clients.value.find((candidate) => candidate.id === id);
                if (client) toggleSelected(client);
              },
              toggleAll: (_, on) => setPageSelected(on),
              label: clientLabel,
            }}
          />
        </div>
      )}
      {!order && <Pager
        position={!loading.value && !problem && clients.value.length > 0 ? {
          first: pageStart + 1,
          last: pageStart + clients.value.length,
          // The counts follow the clients within seconds: never say fewer than the rows already shown.
          ...(total !== undefined && { total: Math.max(total, pageStart + clients.value.length) }),
        } : undefined}
        onPrevious={filters.cursor ? () => {
          const earlier = [...earlierCursors.value];
          const previous = earlier.pop();
          earlierCursors.value = earlier;
          go({ ...filters, cursor: previous || undefined });
        } : undefined}
        onNext={nextCursor.value && !loading.value ? () => {
          earlierCursors.value = [...earlierCursors.value, filters.cursor ?? ''];
          go({ ...filters, cursor: nextCursor.value ?? undefined });
        } : undefined}
      />}
      {open?.kind === 'operation' && (
        <OperationDialog action={open.action} clients={open.clients} {...(open.results && { results: open.results })} onClose={(results) => {
          setOpen(null);
          if (results && !open.results) {
            clearSelection();
            setNotice(null);
            setLastOperation({ action: open.action, clients: open.clients, results });
            reload();
          }
        }} />
      )}
      {open?.kind === 'budget' && (
        <SelectionBudgetDialog clientIds={open.clientIds} currency={currencies.size === 1 ? [...currencies][0] : undefined} onClose={(result) => {
          setOpen(null);
          if (result) say((w) => w.budgets.selectionResult(result.set, result.skipped, result.notFound));
        }} />
      )}
      {open?.kind === 'assign' && (
        <AssignDialog clientIds={open.clientIds} onClose={(done) => {
          setOpen(null);
          if (done) say((w) => w.team.assigned(done.assigned, done.notFound));
        }} />
      )}
      {open?.kind === 'add' && (
        <AddClientDialog onClose={(invited) => {
          setOpen(null);
          if (!invited) return;
          say((w) => w.clients.invited(invited));
          reload();
        }} />
      )}
      {open?.kind === 'cancel-invitation' && (
        <ConfirmDialog
          title={words.clients.cancelTitle}
          confirmLabel={words.clients.cancelConfirm}
          danger
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            const outcome = await attempt(api().POST('/clients/{id}/invitation/cancel', {
              params: { path: { id: open.client.id }, header: { 'Idempotency-Key': idempotencyKey() } },
            }));
            if (!outcome.ok) return outcome.problem;
            say((w) => w.clients.cancelled(open.client.email));
            reload();
            return null;
          }}
        >
          <p>{words.clients.cancelText(open.client.email)}</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}
