/**
 * The one confirmation of every block, unblock and delete: it asks the API for a preview (what
 * will change, what is skipped and why), runs the operation with the preview's confirmation token
 * when the partner confirms, and shows the result per client.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, attemptUntilAnswered, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { ClientAction, OperationAnswer } from '../../api/types';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Preview = Extract<OperationAnswer, { confirmationRequired: boolean }>;
type Results = Extract<OperationAnswer, { results: unknown }>;

const VERB: Record<ClientAction, { title: string; past: string; means: string }> = {
  block: {
    title: 'Block',
    past: 'blocked',
    means: 'A blocked client can no longer sign in to the cloud console. Its resources keep running and it stays your client.',
  },
  unblock: { title: 'Unblock', past: 'unblocked', means: 'An unblocked client can sign in to the cloud console again.' },
  delete: {
    title: 'Delete',
    past: 'deleted',
    means: 'A deleted client is detached from you: it leaves your list and you no longer see its balance. '
      + 'Its cloud account and resources stay, and you may invite it again. A pending invitation is cancelled.',
  },
};

const SKIP_REASONS: Record<string, string> = {
  already_blocked: 'already blocked',
  already_active: 'already active',
  not_active: 'not active (only active clients can be blocked)',
  not_blocked: 'not blocked',
};

function previewWords(outcome: Preview['clients'][number], action: ClientAction): string {
  if (outcome.outcome === 'not_found') return 'Not found — it is not (or no longer) your client';
  if (outcome.outcome === 'skipped') return `Skipped — ${SKIP_REASONS[outcome.reason ?? ''] ?? outcome.reason ?? 'nothing to change'}`;
  return `Will be ${VERB[action].past}`;
}

function capitalised(word: string): string {
  return `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`;
}

function resultWords(result: Results['results'][number], action: ClientAction): string {
  switch (result.result) {
    case 'done':
      return result.signIn === undefined
        ? capitalised(VERB[action].past)
        : `${capitalised(VERB[action].past)}; console sign-in ${result.signIn === 'refused' ? 'refused' : 'allowed'}`;
    case 'skipped':
      return `Skipped — ${SKIP_REASONS[result.reason ?? ''] ?? result.reason ?? 'nothing to change'}`;
    case 'not_found':
      return 'Not found';
    case 'failed':
      return `Failed — ${result.reason ?? 'please try again'}`;
  }
}

/** Props of `OperationDialog`. */
export interface OperationDialogProps {
  readonly action: ClientAction;
  /** The clients, by id, with the names the partner knows them by. */
  readonly clients: ReadonlyMap<string, string>;
  /** Called when the dialog closes; `changed` after a confirmed operation. */
  readonly onClose: (changed: boolean) => void;
}

/** Preview → confirm → results. */
export function OperationDialog({ action, clients, onClose }: OperationDialogProps) {
  const verb = VERB[action];
  const [preview, setPreview] = useState<Preview | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(true);
  const [key] = useState(idempotencyKey);
  const clientIds = [...clients.keys()];
  const name = (id: string) => clients.get(id) ?? id;

  const askPreview = async () => {
    setBusy(true);
    setProblem(null);
    const outcome = await attempt(api().POST('/clients/bulk', { body: { action, clientIds } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    if ('confirmationRequired' in outcome.data) setPreview(outcome.data);
  };
  useEffect(() => void askPreview(), []);

  const confirm = async () => {
    const token = preview?.confirmation?.token;
    if (!token) return;
    setBusy(true);
    setProblem(null);
    // A lost answer (timeout, dropped connection) is sent again by itself: the same confirmation answers the whole report.
    const outcome = await attemptUntilAnswered(() => api().POST('/clients/bulk', {
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

  const count = `${clientIds.length} client${clientIds.length === 1 ? '' : 's'}`;
  return (
    <Dialog title={results ? `${verb.title}: results` : `${verb.title} ${count}?`} onClose={() => onClose(results !== null)}>
      <ProblemMessage problem={problem} />
      {!preview && !results && busy && <p role="status">Checking what would change…</p>}
      {!preview && !results && !busy && problem && (
        <div class="actions">
          <button type="button" onClick={() => void askPreview()}>Preview again</button>
          <button type="button" class="secondary" onClick={() => onClose(false)}>Close</button>
        </div>
      )}
      {preview && !results && (
        <>
          <p>{verb.means}</p>
          <ul class="outcomes" aria-label="What will happen">
            {preview.clients.map((client) => (
              <li key={client.clientId} class={`outcome-${client.outcome}`}>
                <strong>{name(client.clientId)}</strong>: {previewWords(client, action)}
              </li>
            ))}
          </ul>
          <p class="summary">
            {preview.summary.willChange} will be {verb.past}, {preview.summary.skipped} skipped, {preview.summary.notFound} not found.
          </p>
          <div class="actions">
            {preview.confirmation ? (
              <button type="button" class={action === 'delete' ? 'danger' : undefined} disabled={busy} onClick={() => void confirm()}>
                Confirm: {action} {preview.summary.willChange} client{preview.summary.willChange === 1 ? '' : 's'}
              </button>
            ) : (
              <p>Nothing to {action}.</p>
            )}
            <button type="button" class="secondary" onClick={() => onClose(false)}>Cancel</button>
          </div>
        </>
      )}
      {results && (
        <>
          <ul class="outcomes" aria-label="Results">
            {results.results.map((result) => (
              <li key={result.clientId} class={`result-${result.result}`}>
                <strong>{name(result.clientId)}</strong>: {resultWords(result, action)}
              </li>
            ))}
          </ul>
          <p class="summary" role="status">
            {results.summary.done} {verb.past}, {results.summary.skipped} skipped, {results.summary.notFound} not found, {results.summary.failed} failed.
          </p>
          <div class="actions">
            <button type="button" onClick={() => onClose(true)}>Close</button>
          </div>
        </>
      )}
    </Dialog>
  );
}
