/** Manager → Applications: the "contact sales" applications by status, held by me or searched, newest first, with the 48-hour deadline and who holds each; overdue ones stand out. */
import type { ApplicationStatus } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { applicationFilters, applicationsRead } from '../firstReads';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import { useEffect, useState } from 'preact/hooks';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPLICATION_STATUSES, deadlineWords, isOverdue } from './applicationStatus';

const SEARCH_DEBOUNCE_MS = 300;

/** The screen. */
export function Applications() {
  const words = t.value;
  const page = words.applications;
  const { query } = route.value;
  const filters = applicationFilters(query);
  const { status, cursor, mine, search } = filters;
  const [searchText, setSearchText] = useState(search ?? '');
  const loaded = useLoaded(
    () => applicationsRead.take(filters),
    [status, mine, search, cursor],
  );
  useEffect(() => {
    if (searchText.trim() === (search ?? '')) return;
    const timer = setTimeout(() => navigate(withQuery('/applications', { status, mine, search: searchText.trim() }), { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);
  const next = loaded.data?.nextCursor;
  const work = words.department.applications;

  return (
    <AppShell title={page.title}>
      <h1 tabIndex={-1}>{page.heading}</h1>
      <div class="filters">
        <div class="field">
          <label for="application-status">{page.status}</label>
          <select id="application-status" value={status ?? ''}
            onChange={(event) => navigate(withQuery('/applications', { status: event.currentTarget.value as ApplicationStatus, mine, search }))}>
            <option value="">{page.allStatuses}</option>
            {APPLICATION_STATUSES.map((known) => <option value={known}>{words.applicationStatus[known]}</option>)}
          </select>
        </div>
        <div class="field grow">
          <label for="application-search">{work.search}</label>
          <input id="application-search" type="search" value={searchText} placeholder={work.searchPlaceholder}
            onInput={(event) => setSearchText(event.currentTarget.value)} />
        </div>
        <div class="field checkbox">
          <input id="application-mine" type="checkbox" checked={mine === 'true'}
            onChange={(event) => navigate(withQuery('/applications', { status, search, mine: event.currentTarget.checked ? 'true' : undefined }))} />
          <label for="application-mine">{work.mine}</label>
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
            { header: work.holder, cell: (application) => (application.assignedTo ? <span translate={false}>{application.assignedTo}</span> : <span class="muted">{work.nobody}</span>) },
            { header: page.columns.received, nowrap: true, cell: (application) => formatMoscowClock(application.createdAt) },
          ]}
        />
      )}
      <Pager
        onFirst={cursor ? () => navigate(withQuery('/applications', { status, mine, search })) : undefined}
        onNext={next ? () => navigate(withQuery('/applications', { status, mine, search, cursor: next })) : undefined}
      />
    </AppShell>
  );
}
