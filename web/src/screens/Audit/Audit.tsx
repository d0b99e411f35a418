/**
 * Partner → Audit: who changed which client when, newest first. Filter by choosing a client
 * (search as you type, the clients list's own prefix search) and by a period of Moscow days.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { ClientItem } from '../../api/types';
import { t } from '../../i18n/catalogue';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DayField } from '../../ui/DayField';
import { AuditTrail } from './AuditTrail';
import { clientNames, loadNames, rememberName } from './clientNames';

const SEARCH_DEBOUNCE_MS = 250;

/** The client filter: a search box whose matches are offered as buttons; the chosen client shows by name. */
function ClientChooser({ clientId, onChoose }: { readonly clientId: string; readonly onChoose: (id: string) => void }) {
  const words = t.value.audit;
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<readonly ClientItem[] | null>(null);
  useEffect(() => {
    if (clientId) loadNames([clientId]);
  }, [clientId]);
  useEffect(() => {
    const search = text.trim();
    if (search.length < 2) return setMatches(null);
    let current = true;
    const timer = setTimeout(() => {
      void attempt(api().GET('/clients', { params: { query: { search, limit: '8' } } })).then((outcome) => {
        if (current) setMatches(outcome.ok ? outcome.data.items : []);
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  const chosenName = clientId ? clientNames.value.get(clientId) : undefined;
  return (
    <div class="field chooser">
      <label for="audit-client">{words.client}</label>
      {clientId && (
        <p class="chosen">
          <strong translate={false} title={clientId}>{chosenName ?? clientId}</strong>{' '}
          <button type="button" class="link" onClick={() => onChoose('')}>{words.clearClient}</button>
        </p>
      )}
      <input id="audit-client" type="search" value={text} placeholder={words.clientPlaceholder} autoComplete="off"
        aria-describedby="audit-client-hint" onInput={(event) => setText(event.currentTarget.value)} />
      <p class="visually-hidden" id="audit-client-hint">{words.clientHint}</p>
      {matches && (
        <ul class="matches" aria-label={words.suggestions}>
          {matches.length === 0 && <li class="muted">{words.noSuggestions}</li>}
          {matches.map((client) => (
            <li key={client.id}>
              <button type="button" class="quiet" translate={false} onClick={() => {
                rememberName(client.id, client.name ?? client.email);
                setText('');
                onChoose(client.id);
              }}>
                {client.name ? `${client.name} · ${client.email}` : client.email}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The screen. */
export function Audit() {
  const words = t.value.audit;
  const { query } = route.value;
  const clientId = query.get('clientId') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const cursor = query.get('cursor') ?? '';
  const go = (next: { clientId?: string; from?: string; to?: string; cursor?: string | undefined }) =>
    navigate(withQuery('/audit', { clientId, from, to, ...next, cursor: next.cursor }));

  return (
    <AppShell title={words.title}>
      <h1 tabIndex={-1}>{words.heading}</h1>
      <form class="filters" aria-label={words.filters} onSubmit={(event) => event.preventDefault()}>
        <ClientChooser clientId={clientId} onChoose={(id) => go({ clientId: id })} />
        <DayField id="audit-from" label={words.from} value={from} onChange={(day) => go({ from: day })} />
        <DayField id="audit-to" label={words.to} value={to} onChange={(day) => go({ to: day })} />
      </form>
      <AuditTrail clientId={clientId || undefined} from={from} to={to} cursor={cursor} onPage={(next) => go({ cursor: next })} />
    </AppShell>
  );
}
