/**
 * Partner → Clients: the partner's clients with their status, invitation and balance; filter by
 * status and search (kept in the URL), page through, select several and block / unblock / delete
 * them, act on one from its menu, add a client, export the filtered list as CSV.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { ClientAction, ClientItem, ClientStatus } from '../../api/types';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { type Column, DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Menu, type MenuItem } from '../../ui/Menu';
import { formatMoney } from '../../ui/money';
import { Pager } from '../../ui/Pager';
import { formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AddClientDialog } from './AddClientDialog';
import {
  allClients, CLIENT_STATUSES, type ClientFilters, clearSelection, clientLabel, clients, earlierCursors, listProblem, loadClients,
  loading, nextCursor, selected, selectedLabels, setPageSelected, toggleSelected,
} from './clientList';
import { clientsCsv } from './clientsCsv';
import { OperationDialog } from './OperationDialog';

const SEARCH_DEBOUNCE_MS = 300;

const STATUS_WORDS: Record<ClientStatus, string> = {
  invited: 'Invited', active: 'Active', blocked: 'Blocked', declined: 'Declined', cancelled: 'Cancelled', expired: 'Expired',
};

function invitationWords(client: ClientItem): string {
  const { invitation } = client;
  if (invitation.status === 'pending') {
    const mail = invitation.mail === 'failed' ? '; mail failed' : invitation.mail === 'pending' ? '; mail pending' : '';
    return `Pending until ${formatMoscow(invitation.expiresAt)}${mail}`;
  }
  return invitation.status[0]?.toUpperCase() + invitation.status.slice(1);
}

/** What a dialog on this screen is doing. */
type Open =
  | { kind: 'operation'; action: ClientAction; clients: ReadonlyMap<string, string> }
  | { kind: 'add' }
  | { kind: 'cancel-invitation'; client: ClientItem }
  | null;

/** The filters as they are in the URL. */
function filtersFromUrl(query: URLSearchParams): ClientFilters {
  const status = query.get('status');
  return {
    status: CLIENT_STATUSES.find((known) => known === status),
    search: query.get('search') ?? undefined,
    cursor: query.get('cursor') ?? undefined,
  };
}

/** The screen. */
export function Clients() {
  const filters = filtersFromUrl(route.value.query);
  const [searchText, setSearchText] = useState(filters.search ?? '');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const reload = () => void loadClients(filtersFromUrl(route.value.query));

  useEffect(reload, [filters.status, filters.search, filters.cursor]);
  useEffect(() => {
    if ((filters.search ?? '') === searchText) return;
    const timer = setTimeout(() => {
      earlierCursors.value = [];
      navigate(withQuery('/clients', { status: filters.status, search: searchText }), { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const go = (next: ClientFilters) => navigate(withQuery('/clients', { status: next.status, search: next.search, cursor: next.cursor }));
  const say = (text: string) => {
    setActionProblem(null);
    setNotice(text);
  };
  const operate = (action: ClientAction, ids: ReadonlyMap<string, string>) => setOpen({ kind: 'operation', action, clients: ids });
  const resend = async (client: ClientItem) => {
    const outcome = await attempt(api().POST('/clients/{id}/invitation/resend', {
      params: { path: { id: client.id }, header: { 'Idempotency-Key': idempotencyKey() } },
    }));
    if (outcome.ok) say(`A new invitation link was sent to ${client.email}. The previous link no longer works.`);
    else setActionProblem(outcome.problem);
    reload();
  };
  const exportCsv = async () => {
    const outcome = await allClients({ status: filters.status, search: filters.search });
    if (!outcome.ok) return setActionProblem(outcome.problem);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([clientsCsv(outcome.data)], { type: 'text/csv;charset=utf-8' }));
    link.download = `clients${filters.status ? `-${filters.status}` : ''}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
    say(`Exported ${outcome.data.length} client${outcome.data.length === 1 ? '' : 's'} as CSV.`);
  };

  const menuItems = (client: ClientItem): MenuItem[] => {
    const one = new Map([[client.id, clientLabel(client)]]);
    const items: MenuItem[] = [];
    if (client.status === 'active' || client.status === 'blocked') {
      items.push({ label: 'Balance', run: () => navigate(`/clients/${encodeURIComponent(client.id)}/balance`) });
    }
    if (client.status === 'active') items.push({ label: 'Block', run: () => operate('block', one) });
    if (client.status === 'blocked') items.push({ label: 'Unblock', run: () => operate('unblock', one) });
    if (client.status === 'invited') {
      items.push({ label: 'Resend invitation', run: () => void resend(client) });
      items.push({ label: 'Cancel invitation', run: () => setOpen({ kind: 'cancel-invitation', client }) });
    }
    items.push({ label: 'Delete', danger: true, run: () => operate('delete', one) });
    return items;
  };

  const columns: Column<ClientItem>[] = [
    {
      header: 'Name',
      cell: (client) => (client.status === 'active' || client.status === 'blocked'
        ? <Link href={`/clients/${encodeURIComponent(client.id)}/balance`}>{client.name ?? client.email}</Link>
        : client.name ?? '—'),
    },
    { header: 'E-mail', cell: (client) => client.email },
    { header: 'Account', cell: (client) => client.accountId ?? <span class="muted">set when accepted</span> },
    { header: 'Status', cell: (client) => <span class={`badge status-${client.status}`}>{STATUS_WORDS[client.status]}</span> },
    { header: 'Invitation', cell: invitationWords },
    { header: 'Balance', numeric: true, cell: (client) => (client.balance ? formatMoney(client.balance) : '—') },
    { header: 'Created', nowrap: true, cell: (client) => formatMoscow(client.createdAt) },
    { header: 'Actions', cell: (client) => <Menu label={`Actions for ${clientLabel(client)}`} items={menuItems(client)} /> },
  ];

  const selection = selected.value;
  return (
    <AppShell title="Clients">
      <div class="screen-head">
        <h1 tabIndex={-1}>Clients</h1>
        <div class="actions">
          <button type="button" onClick={() => setOpen({ kind: 'add' })}>Add client</button>
          <button type="button" class="secondary" onClick={() => void exportCsv()}>Export CSV</button>
        </div>
      </div>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="client-status">Status</label>
          <select id="client-status" value={filters.status ?? ''} onChange={(event) => {
            earlierCursors.value = [];
            go({ status: (event.currentTarget.value || undefined) as ClientStatus | undefined, search: filters.search });
          }}>
            <option value="">All statuses</option>
            {CLIENT_STATUSES.map((status) => <option value={status}>{STATUS_WORDS[status]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="client-search">Search</label>
          <input id="client-search" type="search" value={searchText} placeholder="E-mail, name or account"
            aria-describedby="client-search-hint" onInput={(event) => setSearchText(event.currentTarget.value)} />
          <p class="hint" id="client-search-hint">The start of an e-mail, of a word of the name or of an account id (a word of 2 characters or more).</p>
        </div>
      </form>
      {notice && <p class="notice" role="status">{notice}</p>}
      <ProblemMessage problem={actionProblem ?? listProblem.value} />
      {selection.size > 0 && (
        <div class="selection-bar" role="region" aria-label="Selected clients">
          <span>{selection.size} selected</span>
          <button type="button" onClick={() => operate('block', new Map(selectedLabels))}>Block</button>
          <button type="button" onClick={() => operate('unblock', new Map(selectedLabels))}>Unblock</button>
          <button type="button" class="danger" onClick={() => operate('delete', new Map(selectedLabels))}>Delete</button>
          <button type="button" class="quiet" onClick={clearSelection}>Clear selection</button>
        </div>
      )}
      <div aria-busy={loading.value}>
        <DataTable
          caption="Your clients"
          columns={columns}
          rows={clients.value}
          rowKey={(client) => client.id}
          empty={loading.value ? 'Loading…' : 'No clients match.'}
          selection={{
            selected: selection,
            toggle: (id) => {
              const client = clients.value.find((candidate) => candidate.id === id);
              if (client) toggleSelected(client);
            },
            toggleAll: (_, on) => setPageSelected(on),
            label: clientLabel,
          }}
        />
      </div>
      <Pager
        onPrevious={filters.cursor ? () => {
          const earlier = [...earlierCursors.value];
          const previous = earlier.pop();
          earlierCursors.value = earlier;
          go({ ...filters, cursor: previous || undefined });
        } : undefined}
        onNext={nextCursor.value ? () => {
          earlierCursors.value = [...earlierCursors.value, filters.cursor ?? ''];
          go({ ...filters, cursor: nextCursor.value ?? undefined });
        } : undefined}
      />
      {open?.kind === 'operation' && (
        <OperationDialog action={open.action} clients={open.clients} onClose={(changed) => {
          setOpen(null);
          if (changed) {
            clearSelection();
            reload();
          }
        }} />
      )}
      {open?.kind === 'add' && (
        <AddClientDialog onClose={(invited) => {
          setOpen(null);
          if (!invited) return;
          say(`Invitation sent to ${invited}.`);
          reload();
        }} />
      )}
      {open?.kind === 'cancel-invitation' && (
        <ConfirmDialog
          title="Cancel the invitation?"
          confirmLabel="Cancel invitation"
          danger
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            const outcome = await attempt(api().POST('/clients/{id}/invitation/cancel', {
              params: { path: { id: open.client.id }, header: { 'Idempotency-Key': idempotencyKey() } },
            }));
            if (!outcome.ok) return outcome.problem;
            say(`The invitation to ${open.client.email} was cancelled.`);
            reload();
            return null;
          }}
        >
          <p>The link sent to <strong>{open.client.email}</strong> stops working. You may invite the client again later.</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}
