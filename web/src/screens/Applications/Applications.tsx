/** Manager → Applications: the "contact sales" applications by status, newest first, with the 48-hour deadline; overdue ones stand out. */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { Application, ApplicationStatus } from '../../api/types';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPLICATION_STATUSES, deadlineWords, isOverdue, STATUS_WORDS } from './applicationStatus';

/** The screen. */
export function Applications() {
  const { query } = route.value;
  const status = APPLICATION_STATUSES.find((known) => known === query.get('status'));
  const cursor = query.get('cursor') ?? undefined;
  const [items, setItems] = useState<readonly Application[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const filters = { ...(status && { status }), ...(cursor && { cursor }), limit: '50' };
    void attempt(api().GET('/partner-applications', { params: { query: filters } })).then((outcome) => {
      if (!outcome.ok) return setProblem(outcome.problem);
      setProblem(null);
      setItems(outcome.data.items);
      setNext(outcome.data.nextCursor);
    });
  }, [status, cursor]);

  return (
    <AppShell title="Applications">
      <h1 tabIndex={-1}>Partner applications</h1>
      <div class="filters">
        <div class="field">
          <label for="application-status">Status</label>
          <select id="application-status" value={status ?? ''}
            onChange={(event) => navigate(withQuery('/applications', { status: event.currentTarget.value as ApplicationStatus }))}>
            <option value="">All statuses</option>
            {APPLICATION_STATUSES.map((known) => <option value={known}>{STATUS_WORDS[known]}</option>)}
          </select>
        </div>
      </div>
      <ProblemMessage problem={problem} />
      {items && (
        <DataTable
          caption="Applications"
          rows={items}
          rowKey={(application) => application.id}
          rowClass={(application) => (isOverdue(application) ? 'overdue' : undefined)}
          empty="No applications."
          columns={[
            { header: 'Company', cell: (application) => <Link href={`/applications/${encodeURIComponent(application.id)}`}>{application.company}</Link> },
            { header: 'Contact person', cell: (application) => `${application.name}, ${application.email}` },
            { header: 'Status', cell: (application) => <span class={`badge status-${application.status}`}>{STATUS_WORDS[application.status]}</span> },
            {
              header: '48-hour deadline',
              cell: (application) => (isOverdue(application)
                ? <strong class="overdue-text">{deadlineWords(application)}</strong>
                : deadlineWords(application)),
            },
            { header: 'Received', nowrap: true, cell: (application) => formatMoscow(application.createdAt) },
          ]}
        />
      )}
      <nav class="pager" aria-label="Pages">
        {cursor && <button type="button" class="secondary" onClick={() => navigate(withQuery('/applications', { status }))}>First page</button>}
        {next && <button type="button" class="secondary" onClick={() => navigate(withQuery('/applications', { status, cursor: next }))}>Next page</button>}
      </nav>
    </AppShell>
  );
}
