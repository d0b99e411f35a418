/**
 * Suspend, resume or end a partner: the manager writes the reason, the API previews what will
 * happen (and issues a token), the manager confirms with it. Like the clients' operation dialog.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, attempt, attemptUntilAnswered } from '../../api/client';
import { fieldWords, localProblem, type Problem } from '../../api/errorMessages';
import type { PartnerAction, PartnerActionAnswer } from '../../api/types';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { focusFirstField, meetsRule } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Preview = Extract<PartnerActionAnswer, { confirmationRequired: boolean }>;
/** The answer of a confirmed action. */
export type PartnerActionResult = Exclude<PartnerActionAnswer, Preview>;

const REASON_RULE = { required: true, maxLength: 1000 } as const;

const PATHS = { suspend: '/partners/{id}/suspend', resume: '/partners/{id}/resume', end: '/partners/{id}/end' } as const;

/** Props of `PartnerActionDialog`. */
export interface PartnerActionDialogProps {
  readonly partnerId: string;
  readonly action: PartnerAction;
  /** Called when the dialog closes, with the result of a confirmed action. */
  readonly onClose: (result: PartnerActionResult | null) => void;
}

/** Reason → preview → confirm. */
export function PartnerActionDialog({ partnerId, action, onClose }: PartnerActionDialogProps) {
  const words = t.value;
  const page = words.department.action;
  const [reason, setReason] = useState('');
  const [reasonWrong, setReasonWrong] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const params = { path: { id: partnerId } };
  useEffect(() => confirmButton.current?.focus(), [preview !== null]);

  const failed = (found: Problem) => {
    setProblem(found);
    setReasonWrong(found.fields.includes('reason'));
    focusFirstField(found.fields);
  };

  const askPreview = async () => {
    if (!meetsRule(reason, REASON_RULE)) return failed(localProblem('validation_failed', ['reason']));
    setBusy(true);
    setProblem(null);
    const outcome = await attempt(api().POST(PATHS[action], { params, body: { reason: reason.trim() } }));
    setBusy(false);
    if (!outcome.ok) return failed(outcome.problem);
    setReasonWrong(false);
    if ('confirmationRequired' in outcome.data) setPreview(outcome.data);
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setProblem(null);
    // A lost answer is sent again by itself: the same confirmation answers the partner as it now stands.
    const outcome = await attemptUntilAnswered(() => api().POST(PATHS[action], { params, body: { reason: reason.trim(), confirm: preview.confirmation.token } }));
    setBusy(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      if (outcome.problem.code.startsWith('confirmation_')) setPreview(null);
      return;
    }
    if (!('confirmationRequired' in outcome.data)) onClose(outcome.data);
  };

  return (
    <Dialog title={page.title[action]} onClose={() => onClose(null)}>
      <form noValidate onSubmit={(event) => {
        event.preventDefault();
        void (preview ? confirm() : askPreview());
      }}>
        <Field label={page.reason} name="reason" required multiline value={reason} maxLength={1000} hint={page.reasonHint}
          onValue={(value) => {
            setReason(value);
            setPreview(null);
          }}
          error={reasonWrong ? fieldWords('reason', words) : undefined} />
        {preview && (
          <>
            <h3>{page.willHappen}</h3>
            <ul class="outcomes" aria-label={page.willHappen}>
              {preview.effects.map((effect) => <li key={effect.effect}>{page.effects[effect.effect](effect.count ?? 0)}</li>)}
            </ul>
          </>
        )}
        <ProblemMessage problem={problem} />
        <div class="actions">
          {preview
            ? <button ref={confirmButton} type="submit" class={action === 'resume' ? undefined : 'danger'} disabled={busy}>{page.confirm[action]}</button>
            : <button type="submit" disabled={busy}>{page.preview}</button>}
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
