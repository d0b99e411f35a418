/**
 * One endpoint's delivery log: its last 100 attempts, newest first (time in Moscow, event in words,
 * message id, attempt, outcome, the receiver's answer, time taken), 20 a page; Replay queues one
 * delivery again (the same message id, as the next attempt) while the endpoint is enabled.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { webhookWords } from '../../i18n/webhooks/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import { Sentence } from '../../i18n/Sentence';
import { Id } from '../../ui/CopyButton';
import { DataTable } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { type DeliveryAttempt, type Endpoint, eventName, noAnswerReason } from './webhookTypes';

/** Attempts a page (the API answers at most 100: the log pages them here). */
const PAGE_SIZE = 20;

/** Props of `DeliveryLog`. */
export interface DeliveryLogProps {
  readonly endpoint: Endpoint;
  /** Changes when the log should load again (a test event was sent). */
  readonly version: number;
  readonly onClose: () => void;
}

/** The log's section. */
export function DeliveryLog({ endpoint, version, onClose }: DeliveryLogProps) {
  const words = t.value;
  const page = webhookWords.value;
  const log = useLoaded(() => attempt(api().GET('/webhooks/{id}/deliveries', { params: { path: { id: endpoint.id } } })), [endpoint.id, version]);
  const [first, setFirst] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: false }), [endpoint.id]);
  useEffect(() => setFirst(0), [endpoint.id, version]);
  const [replayed, setReplayed] = useState(false);
  const [replayProblem, setReplayProblem] = useState<Problem | null>(null);
  const [replaying, setReplaying] = useState(false);
  const enabled = endpoint.status === 'enabled';
  const replay = async (entry: DeliveryAttempt) => {
    if (replaying) return;
    setReplaying(true);
    const outcome = await attempt(api().POST('/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id: endpoint.id, deliveryId: entry.deliveryId } } }));
    setReplaying(false);
    setReplayed(outcome.ok);
    setReplayProblem(outcome.ok ? null : outcome.problem);
  };
  const items = log.data?.items ?? [];
  const shown = items.slice(first, first + PAGE_SIZE);
  return (
    <section class="delivery-log" aria-labelledby="delivery-log-title">
      <div class="screen-head">
        <h2 id="delivery-log-title" tabIndex={-1} ref={heading}>{page.logTitle}</h2>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => {
            setReplayed(false);
            log.retry();
          }}>{page.refresh}</button>
          <button type="button" class="quiet" onClick={onClose}>{page.closeLog}</button>
        </div>
      </div>
      <p class="muted webhook-text"><Sentence words={page.logOf} values={[endpoint.url]} /></p>
      {!enabled && <p class="notice warn">{page.replayNeedsEnabled}</p>}
      {replayed && <p class="notice" role="status">{page.replayed}</p>}
      <ProblemMessage problem={replayProblem} />
      {log.problem ? <ProblemMessage problem={log.problem} onRetry={log.retry} /> : (
        <DataTable
          caption={page.logCaption}
          rows={shown}
          rowKey={(entry) => entry.deliveryId}
          loading={log.slow}
          empty={log.loading ? words.common.loading : page.logEmpty}
          columns={[
            { header: page.time, nowrap: true, cell: (entry) => formatMoscowClock(entry.at) },
            { header: page.event, cell: (entry) => eventName(entry.eventType, page) },
            { header: page.message, class: 'c-message', cell: (entry) => <Id value={entry.messageId} /> },
            { header: page.attempt, numeric: true, cell: (entry) => entry.attempt },
            {
              header: page.outcome,
              cell: (entry) => <span class={`badge delivery-${entry.outcome}`}>{page.outcomeWords[entry.outcome]}</span>,
            },
            { header: page.response, numeric: true, cell: (entry) => entry.responseStatus ?? <span class="muted">{noAnswerReason(entry.error, page)}</span> },
            { header: page.latency, numeric: true, cell: (entry) => page.milliseconds(entry.latencyMs) },
            // Replay only while the endpoint is enabled (the API refuses it otherwise); no empty column meanwhile.
            ...(enabled ? [{
              header: page.actions,
              hideHeader: true,
              cell: (entry: DeliveryAttempt) => (
                <button type="button" class="secondary" aria-label={page.replayFor(eventName(entry.eventType, page), formatMoscowClock(entry.at))}
                  onClick={() => void replay(entry)}>
                  {page.replay}
                </button>
              ),
            }] : []),
          ]}
        />
      )}
      {items.length > PAGE_SIZE && (
        <Pager
          onFirst={first > 0 ? () => setFirst(0) : undefined}
          onPrevious={first > 0 ? () => setFirst(Math.max(0, first - PAGE_SIZE)) : undefined}
          onNext={first + PAGE_SIZE < items.length ? () => setFirst(first + PAGE_SIZE) : undefined}
          position={{ first: first + 1, last: Math.min(items.length, first + PAGE_SIZE), total: items.length }}
        />
      )}
    </section>
  );
}
