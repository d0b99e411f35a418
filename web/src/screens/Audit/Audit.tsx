/** Partner → Audit: who changed which client when, newest first; filter by client and by a period of Moscow days. */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { formatMoscow, moscowDayStart, nextDay } from '../../ui/moscowTime';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';

const ACTIONS: Record<AuditEntry['action'], string> = {
  invite: 'Invited', reinvite: 'Invited again', resend: 'Invitation resent', accept: 'Accepted', decline: 'Declined',
  cancel: 'Invitation cancelled', expire: 'Invitation expired', block: 'Blocked', unblock: 'Unblocked', detach: 'Deleted (detached)',
};
const ACTORS: Record<AuditEntry['actor']['kind'], string> = { partner: 'You', invitee: 'The client', system: 'The system', manager: 'The partner department' };

/** The screen. */
export function Audit() {
  const { query } = route.value;
  const clientId = query.get('clientId') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const cursor = query.get('cursor') ?? '';
  const [draft, setDraft] = useState({ clientId, from, to });
  useEffect(() => setDraft({ clientId, from, to }), [clientId, from, to]);
  const { data: page, problem } = useLoaded(() => attempt(api().GET('/audit', {
    params: {
      query: {
        ...(clientId && { clientId }),
        ...(from && { from: moscowDayStart(from) }),
        ...(to && { to: moscowDayStart(nextDay(to)) }),
        ...(cursor && { cursor }),
        limit: '50',
      },
    },
  })), [clientId, from, to, cursor]);
  const next = page?.nextCursor;

  return (
    <AppShell title="Audit">
      <h1 tabIndex={-1}>Audit trail</h1>
      <form class="filters" aria-label="Filter the audit trail" onSubmit={(event) => {
        event.preventDefault();
        navigate(withQuery('/audit', { clientId: draft.clientId.trim(), from: draft.from, to: draft.to }));
      }}>
        <div class="field">
          <label for="audit-client">Client id</label>
          <input id="audit-client" value={draft.clientId} placeholder="cli_…" onInput={(event) => setDraft({ ...draft, clientId: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="audit-from">From (Moscow day)</label>
          <input id="audit-from" type="date" value={draft.from} onInput={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="audit-to">To (Moscow day, included)</label>
          <input id="audit-to" type="date" value={draft.to} onInput={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
        </div>
        <button type="submit">Show</button>
      </form>
      <ProblemMessage problem={problem} />
      {page && (
        <DataTable
          caption="Audit trail"
          rows={page.items}
          rowKey={(entry) => entry.id}
          empty="Nothing happened in this period."
          columns={[
            { header: 'Time (Moscow)', nowrap: true, cell: (entry) => formatMoscow(entry.at) },
            { header: 'Client', cell: (entry) => <code>{entry.clientId}</code> },
            { header: 'What', cell: (entry) => ACTIONS[entry.action] },
            { header: 'Who', cell: (entry) => ACTORS[entry.actor.kind] },
            { header: 'Status', cell: (entry) => `${entry.before ?? '—'} → ${entry.after}` },
          ]}
        />
      )}
      <Pager
        onFirst={cursor ? () => navigate(withQuery('/audit', { clientId, from, to })) : undefined}
        onNext={next ? () => navigate(withQuery('/audit', { clientId, from, to, cursor: next })) : undefined}
      />
    </AppShell>
  );
}
