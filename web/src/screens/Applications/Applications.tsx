/** Manager → Applications: the "contact sales" applications by status, newest first, with the 48-hour deadline; overdue ones stand out. */
import { api, attempt } from '../../api/client';
import type { ApplicationStatus } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPLICATION_STATUSES, deadlineWords, isOverdue } from './applicationStatus';

/** The screen. */
export function Applications() {
  const words = t.value;
  const page = words.applications;
  const { query } = route.value;
  const status = APPLICATION_STATUSES.find((known) => known === query.get('status'));
  const cursor = query.get('cursor') ?? undefined;
  const loaded = useLoaded(
    () => attempt(api().GET('/partner-applications', { params: { query: { ...(status && { status }), ...(cursor && { cursor }), limit: '50' } } })),
    [status, cursor],
  );
  const next = loaded.data?.nextCursor;

  return (
    <AppShell title={page.title}>
      <h1 tabIndex={-1}>{page.heading}</h1>
      <div class="filters">
        <div class="field">
          <label for="application-status">{page.status}</label>
          <select id="application-status" value={status ?? ''}
            onChange={(event) => navigate(withQuery('/applications', { status: event.currentTarget.value as ApplicationStatus }))}>
            <option value="">{page.allStatuses}</option>
            {APPLICATION_STATUSES.map((known) => <option value={known}>{words.applicationStatus[known]}</option>)}
          </select>
        </div>
      </div>
      <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />
      {(loaded.data || loaded.slow) && (
        <DataTable
          caption={page.caption}
          layout="dense"
          rows={loaded.data?.items ?? []}
          loading={!loaded.data}
          rowKey={(application) => application.id}
          rowClass={(application) => (isOverdue(application) ? 'overdue' : undefined)}
          empty={page.empty}
          columns={[
            { header: page.columns.company, cell: (application) => <Link href={`/applications/${encodeURIComponent(application.id)}`} translate={false}>{application.company}</Link> },
            { header: page.columns.contact, cell: (application) => <span translate={false}>{page.contactPerson(application.name, application.email)}</span> },
            { header: page.columns.status, cell: (application) => <span class={`badge status-${application.status}`}>{words.applicationStatus[application.status]}</span> },
            {
              header: page.columns.deadline,
              nowrap: true,
              cell: (application) => (isOverdue(application)
                ? <strong class="overdue-text">{deadlineWords(application)}</strong>
                : deadlineWords(application)),
            },
            { header: page.columns.received, nowrap: true, cell: (application) => formatMoscowClock(application.createdAt) },
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
