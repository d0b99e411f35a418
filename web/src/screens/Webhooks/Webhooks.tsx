/**
 * Partner → Webhooks (issue 33): the owner and admins list their endpoints (address, events in
 * words, enabled or disabled and since when deliveries fail), add one (its signing secret shown
 * once), send a test event, rotate the secret (shown once; the old one keeps signing for the
 * overlap), remove one, re-enable one disabled after 24 hours of failures, and read an endpoint's
 * delivery log (`?endpoint=<id>`) and replay a delivery from it. (`App.tsx` tells other roles the
 * screen is not theirs.)
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useLoaded } from '../../api/useLoaded';
import { webhooksRead } from '../firstReads';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock, formatMoscowTime } from '../../i18n/format';
import { Sentence } from '../../i18n/Sentence';
import { type WebhookCatalogue, webhookWords } from '../../i18n/webhooks/catalogue';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { HeadCount } from '../../ui/HeadCount';
import { Icon } from '../../ui/Icon';
import { Menu, type MenuItem } from '../../ui/Menu';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AddEndpointDialog } from './AddEndpointDialog';
import { DeliveryLog } from './DeliveryLog';
import { SecretShownOnce } from './SecretShownOnce';
import { type DeliveryAttempt, type Endpoint, type EndpointWithSecret, EVENT_TYPES, eventName, noAnswerReason } from './webhookTypes';

type Open =
  | { kind: 'add' }
  | { kind: 'rotate'; endpoint: Endpoint }
  | { kind: 'secret'; endpoint: EndpointWithSecret }
  | { kind: 'remove'; endpoint: Endpoint }
  | null;

/** A line under the list, kept as words to say so it follows a language switch; `warn` for what did not go well. */
interface Notice {
  readonly say: (words: WebhookCatalogue) => ComponentChildren;
  readonly warn?: boolean;
}

/** What a test event's attempt came to, in words. */
function testOutcome(result: DeliveryAttempt): Notice {
  if (result.outcome === 'succeeded') return { say: (words) => words.testSucceeded(result.responseStatus ?? 0, result.latencyMs) };
  return {
    warn: true,
    say: (words) => (result.responseStatus === null
      ? words.testFailedNoAnswer(noAnswerReason(result.error, words))
      : words.testFailedStatus(result.responseStatus)),
  };
}

const STANDARD = 'Standard Webhooks';

/** The screen. */
export function Webhooks() {
  const words = t.value;
  const page = webhookWords.value;
  const loaded = useLoaded(() => webhooksRead.take(), []);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // A change from a row's menu that failed (the dialogs show their own).
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const [testing, setTesting] = useState<string | null>(null);
  const list = loaded.data;
  const logId = route.value.query.get('endpoint');
  const logged = list?.items.find((endpoint) => endpoint.id === logId);
  const full = list !== null && list.items.length >= list.maxEndpoints;
  // After a change the list is read again in place (rows keep their elements, so focus stays on the row's buttons); a failed re-read keeps what is shown.
  const refresh = async () => {
    const outcome = await attempt(api().GET('/webhooks'));
    if (outcome.ok) loaded.replace(outcome.data);
  };

  const sendTest = async (endpoint: Endpoint) => {
    setTesting(endpoint.id);
    const outcome = await attempt(api().POST('/webhooks/{id}/test', { params: { path: { id: endpoint.id } } }));
    setTesting(null);
    setNotice(outcome.ok ? testOutcome(outcome.data) : null);
    setActionProblem(outcome.ok ? null : outcome.problem);
    // The attempt joins the log, and may start or end the endpoint's failing streak.
    setLogVersion((n) => n + 1);
    void refresh();
  };

  const reenable = async (endpoint: Endpoint) => {
    const outcome = await attempt(api().POST('/webhooks/{id}/enable', { params: { path: { id: endpoint.id } } }));
    setActionProblem(outcome.ok ? null : outcome.problem);
    if (!outcome.ok || !list) return;
    const enabled = outcome.data;
    loaded.replace({ ...list, items: list.items.map((each) => (each.id === enabled.id ? enabled : each)) });
    setNotice({ say: (w) => <Sentence words={w.reenabled} values={[enabled.url]} /> });
    // The button is gone with the endpoint's disabled state: focus goes on to the row's log button.
    requestAnimationFrame(() => document.getElementById(`log-${enabled.id}`)?.focus());
  };

  const menuItems = (endpoint: Endpoint): MenuItem[] => [
    { label: page.sendTest, run: () => void sendTest(endpoint) },
    { label: page.rotate, run: () => setOpen({ kind: 'rotate', endpoint }) },
    { label: page.remove, danger: true, run: () => setOpen({ kind: 'remove', endpoint }) },
  ];

  return (
    <AppShell title={page.title}>
      <div class="screen-head list-head">
        <h1 tabIndex={-1}>{page.title}</h1>
        <HeadCount text={list ? page.count(list.items.length, list.maxEndpoints) : undefined} />
        <div class="actions">
          <button type="button" disabled={full} aria-describedby={full ? 'webhooks-full' : undefined} onClick={() => setOpen({ kind: 'add' })}>
            <Icon name="plus" />{page.add}
          </button>
        </div>
      </div>
      <p class="intro"><Sentence words={page.intro} values={[STANDARD]} /></p>
      {full && <p class="muted" id="webhooks-full">{page.full}</p>}
      {notice && <p class={notice.warn ? 'notice warn webhook-text' : 'notice webhook-text'} role="status">{notice.say(page)}</p>}
      <ProblemMessage problem={actionProblem} />
      {testing && <p class="visually-hidden" role="status">{words.common.loading}</p>}
      {loaded.problem ? <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} /> : (
        <DataTable
          caption={page.caption}
          rows={list?.items ?? []}
          rowKey={(endpoint) => endpoint.id}
          loading={loaded.slow}
          empty={loaded.loading ? words.common.loading : page.empty}
          columns={[
            {
              header: page.url,
              class: 'c-url',
              cell: (endpoint) => <span class="id"><code title={endpoint.url} translate={false}>{endpoint.url}</code></span>,
            },
            {
              header: page.events,
              cell: (endpoint) => (endpoint.events.length === EVENT_TYPES.length
                ? page.everyEvent
                : <ul class="event-list">{endpoint.events.map((type) => <li key={type}>{eventName(type, page)}</li>)}</ul>),
            },
            {
              header: page.status,
              // One block: a phone's card lays a cell's children out in a row.
              cell: (endpoint) => (
                <div>
                  <span class={`badge webhook-${endpoint.status}`}>{page.statusWords[endpoint.status]}</span>
                  {endpoint.failingSince && <span class="failing-since">{page.failingSince(formatMoscowTime(endpoint.failingSince))}</span>}
                  {endpoint.status === 'disabled' && (
                    <button type="button" class="secondary reenable" aria-label={page.reenableFor(endpoint.url)} onClick={() => void reenable(endpoint)}>{page.reenable}</button>
                  )}
                </div>
              ),
            },
            { header: page.created, nowrap: true, cell: (endpoint) => formatMoscowClock(endpoint.createdAt) },
            {
              header: page.actions,
              hideHeader: true,
              class: 'c-actions',
              cell: (endpoint) => (
                <span class="row-actions">
                  <button type="button" id={`log-${endpoint.id}`} class="secondary" aria-label={page.showLogFor(endpoint.url)} aria-pressed={endpoint.id === logId}
                    onClick={() => navigate(withQuery('/webhooks', { endpoint: endpoint.id }))}>
                    {page.showLog}
                  </button>
                  <Menu label={page.actionsFor(endpoint.url)} items={menuItems(endpoint)} />
                </span>
              ),
            },
          ]}
        />
      )}
      {logged && <DeliveryLog endpoint={logged} version={logVersion} onClose={() => navigate('/webhooks')} />}
      {open?.kind === 'add' && (
        <AddEndpointDialog onAdded={() => void refresh()} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'rotate' && (
        <ConfirmDialog title={page.rotateTitle} confirmLabel={page.rotateConfirm}
          // Done, the confirmation gives way to the secret (the dialog's own close must not close that too).
          onClose={() => setOpen((current) => (current?.kind === 'rotate' ? null : current))}
          onConfirm={async () => {
            const outcome = await attempt(api().POST('/webhooks/{id}/secret', { params: { path: { id: open.endpoint.id } } }));
            if (!outcome.ok) return outcome.problem;
            setOpen({ kind: 'secret', endpoint: outcome.data });
            void refresh();
            return null;
          }}>
          <p>{page.rotateText}</p>
        </ConfirmDialog>
      )}
      {open?.kind === 'secret' && (
        <Dialog title={page.secretTitle} onClose={() => setOpen(null)}>
          <SecretShownOnce secret={open.endpoint.secret} previousUntil={open.endpoint.previousSecretUntil} onStored={() => setOpen(null)} />
        </Dialog>
      )}
      {open?.kind === 'remove' && (
        <ConfirmDialog title={page.removeTitle} confirmLabel={page.removeConfirm} danger onClose={() => setOpen(null)} onConfirm={async () => {
          const endpoint = open.endpoint;
          const outcome = await attempt(api().DELETE('/webhooks/{id}', { params: { path: { id: endpoint.id } } }));
          if (!outcome.ok) return outcome.problem;
          setNotice({ say: (w) => <Sentence words={w.removed} values={[endpoint.url]} /> });
          if (logId === endpoint.id) navigate('/webhooks', { replace: true });
          void refresh();
          return null;
        }}>
          <p class="webhook-text"><Sentence words={page.removeText} values={[open.endpoint.url]} /></p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}
