/**
 * Partner → Notifications: the spend alerts of the partner's clients, newest first, one page at a
 * time; each unread one can be marked read (the header's count follows).
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatMoscowTime } from '../../i18n/format';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { labelOf } from '../Audit/clientNames';
import { clientPath } from '../Clients/Clients';
import { alertWords, type SpendNotification } from './alertWords';
import { refreshUnread } from './unread';

/** The screen. */
export function Notifications() {
  const words = t.value;
  const page = words.notifications;
  const cursor = route.value.query.get('cursor') ?? '';
  const [earlier, setEarlier] = useState<string[]>([]);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const loaded = useLoaded(() => attempt(api().GET('/notifications', { params: { query: { limit: '20', ...(cursor && { cursor }) } } })), [cursor]);
  const items = loaded.data?.items ?? [];
  const markRead = async (notification: SpendNotification) => {
    const outcome = await attempt(api().POST('/notifications/{id}/read', { params: { path: { id: notification.id } } }));
    if (!outcome.ok) return setActionProblem(outcome.problem);
    setActionProblem(null);
    if (loaded.data) loaded.replace({ ...loaded.data, items: loaded.data.items.map((each) => (each.id === notification.id ? { ...each, read: true } : each)) });
    void refreshUnread();
  };
  return (
    <AppShell title={page.title}>
      <div class="screen-head"><h1 tabIndex={-1}>{page.title}</h1></div>
      <ProblemMessage problem={actionProblem} />
      {loaded.problem ? <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} /> : (
        <DataTable
          caption={page.caption}
          rows={items}
          rowKey={(each) => each.id}
          loading={loaded.slow}
          rowClass={(each) => (each.read ? undefined : 'unread')}
          empty={loaded.loading ? words.common.loading : page.none}
          columns={[
            { header: page.when, nowrap: true, cell: (each) => formatMoscowTime(each.at) },
            { header: page.client, cell: (each) => <Link href={clientPath(each.clientId)} translate={false}>{labelOf(each.client, each.clientId)}</Link> },
            { header: page.what, cell: (each) => alertWords(each) },
            {
              header: page.state,
              cell: (each) => (each.read ? <span class="muted">{page.read}</span> : (
                <>
                  <span class="badge unread-badge">{page.unread}</span>{' '}
                  <button type="button" class="secondary small" aria-label={page.markReadFor(alertWords(each))} onClick={() => void markRead(each)}>{page.markRead}</button>
                </>
              )),
            },
          ]}
        />
      )}
      <Pager
        onPrevious={cursor ? () => {
          const before = [...earlier];
          const previous = before.pop();
          setEarlier(before);
          navigate(withQuery('/notifications', { cursor: previous }));
        } : undefined}
        onNext={loaded.data?.nextCursor ? () => {
          setEarlier([...earlier, cursor]);
          navigate(withQuery('/notifications', { cursor: loaded.data?.nextCursor }));
        } : undefined}
      />
    </AppShell>
  );
}
