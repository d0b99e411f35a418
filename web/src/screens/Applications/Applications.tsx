/** Manager → Applications: the "contact sales" applications by status, newest first, with the 48-hour deadline; overdue ones stand out. */
import { api, attempt } from '../../api/client';
import type { ApplicationStatus } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { formatMoscow } from '../../ui/moscowTime';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPLICATION_STATUSES, deadlineWords, isOverdue, STATUS_WORDS } from './applicationStatus';

/** The screen. */
export function Applications() {
  const { query } = route.value;
  const status = APPLICATION_STATUSES.find((known) => known === query.get('status'));
  const cursor = query.get('cursor') ?? undefined;
  const { data: page, problem } = useLoaded(
    () => attempt(api().GET('/partner-applications', { params: { query: { ...(status && { status }), ...(cursor && { cursor }), limit: '50' } } })),
    [status, cursor],
  );
  const next = page?.nextCursor;

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
      {page && (
        <DataTable
          caption="Applications"
          rows={page.items}
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
      <Pager
        onFirst={cursor ? () => navigate(withQuery('/applications', { status })) : undefined}
        onNext={next ? () => navigate(withQuery('/applications', { status, cursor: next })) : undefined}
      />
    </AppShell>
  );
}
