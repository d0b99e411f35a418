/**
 * The one confirmation of every block, unblock and delete: it asks the API for a preview (what
 * will change, what is skipped and why), runs the operation with the preview's confirmation token
 * when the partner confirms, and shows the result per client.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { ClientAction, OperationAnswer } from '../../api/types';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Preview = Extract<OperationAnswer, { confirmationRequired: boolean }>;
/** The per-client results of a confirmed operation. */
export type OperationResults = Extract<OperationAnswer, { results: unknown }>;

function reasonWords(reason: string | undefined): string {
  const reasons = t.value.operation.reasons as Record<string, string>;
  return reasons[reason ?? ''] ?? reasons.other ?? '';
}

function previewWords(outcome: Preview['clients'][number], action: ClientAction): string {
  const words = t.value.operation;
  if (outcome.outcome === 'not_found') return words.notFound;
  if (outcome.outcome === 'skipped') return words.skipped(reasonWords(outcome.reason));
  return words.will[action];
}

function resultWords(result: OperationResults['results'][number], action: ClientAction): string {
  const words = t.value.operation;
  switch (result.result) {
    case 'done':
      return result.signIn === undefined ? words.done[action] : words.doneWithSignIn(words.done[action], words.signIn[result.signIn]);
    case 'skipped':
      return words.skipped(reasonWords(result.reason));
    case 'not_found':
      return words.notFoundShort;
    case 'failed':
      return words.failed(words.tryAgain);
  }
}

/** Props of `OperationDialog`. */
export interface OperationDialogProps {
  readonly action: ClientAction;
  /** The clients, by id, with the names the partner knows them by. */
  readonly clients: ReadonlyMap<string, string>;
  /** Results of an operation already run (the per-client report shown again). */
  readonly results?: OperationResults;
  /** Called when the dialog closes, with the results of a confirmed operation. */
  readonly onClose: (results: OperationResults | null) => void;
}

/** Preview → confirm → results. */
export function OperationDialog({ action, clients, results: earlier, onClose }: OperationDialogProps) {
  const words = t.value.operation;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [results, setResults] = useState<OperationResults | null>(earlier ?? null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(!earlier);
  const [key] = useState(idempotencyKey);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const clientIds = [...clients.keys()];
  const name = (id: string) => clients.get(id) ?? id;
  const title = words.title[action];

  const askPreview = async () => {
    setBusy(true);
    setProblem(null);
    const outcome = await attempt(api().POST('/clients/bulk', { body: { action, clientIds } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    if ('confirmationRequired' in outcome.data) setPreview(outcome.data);
  };
  useEffect(() => {
    if (!earlier) void askPreview();
  }, []);
  // The preview arrives after the dialog opened: its primary action takes the focus.
  useEffect(() => confirmButton.current?.focus(), [preview !== null]);

  const confirm = async () => {
    const token = preview?.confirmation?.token;
    if (!token) return;
    setBusy(true);
    setProblem(null);
    const outcome = await attempt(api().POST('/clients/bulk', {
      body: { action, clientIds, confirm: token },
      params: { header: { 'Idempotency-Key': key } },
    }));
    setBusy(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      if (outcome.problem.code.startsWith('confirmation_')) setPreview(null);
      return;
    }
    if ('results' in outcome.data) setResults(outcome.data);
  };

  return (
    <Dialog title={results ? words.resultsTitle(title) : words.ask(title, clientIds.length)} onClose={() => onClose(results)}>
      <ProblemMessage problem={problem} />
      {!preview && !results && busy && <p role="status">{words.checking}</p>}
      {!preview && !results && !busy && problem && (
        <div class="actions">
          <button type="button" onClick={() => void askPreview()}>{words.previewAgain}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{t.value.common.close}</button>
        </div>
      )}
      {preview && !results && (
        <>
          <p>{words.means[action]}</p>
          <ul class="outcomes" aria-label={words.whatWillHappen}>
            {preview.clients.map((client) => (
              <li key={client.clientId} class={`outcome-${client.outcome}`}>
                <strong translate={false}>{name(client.clientId)}</strong>: {previewWords(client, action)}
              </li>
            ))}
          </ul>
          <p class="summary">{words.summary[action](preview.summary.willChange, preview.summary.skipped, preview.summary.notFound)}</p>
          <div class="actions">
            {preview.confirmation ? (
              <button ref={confirmButton} type="button" class={action === 'delete' ? 'danger' : undefined} disabled={busy} onClick={() => void confirm()}>
                {words.confirm[action](preview.summary.willChange)}
              </button>
            ) : (
              <p>{words.nothing[action]}</p>
            )}
            <button type="button" class="secondary" onClick={() => onClose(null)}>{t.value.common.cancel}</button>
          </div>
        </>
      )}
      {results && (
        <>
          <ul class="outcomes" aria-label={words.results}>
            {results.results.map((result) => (
              <li key={result.clientId} class={`result-${result.result}`}>
                <strong translate={false}>{name(result.clientId)}</strong>: {resultWords(result, action)}
              </li>
            ))}
          </ul>
          <p class="summary" role="status">
            {words.resultSummary[action](results.summary.done, results.summary.skipped, results.summary.notFound, results.summary.failed)}
          </p>
          <div class="actions">
            <button type="button" onClick={() => onClose(results)}>{t.value.common.close}</button>
          </div>
        </>
      )}
    </Dialog>
  );
}
