/**
 * Asks "are you sure?" for an action the API runs without a preview (cancel an invitation,
 * contact / approve / reject an application); shows the problem if the action fails.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Problem } from '../api/errorMessages';
import { t } from '../i18n/catalogue';
import { Dialog } from './Dialog';
import { ProblemMessage } from './ProblemMessage';

/** Props of `ConfirmDialog`. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** Runs the action; returns a problem to show, or null when done (the dialog then closes). */
  readonly onConfirm: () => Promise<Problem | null>;
  readonly onClose: () => void;
  readonly children: ComponentChildren;
}

/** A dialog with the explanation, a confirm button and a cancel button. */
export function ConfirmDialog({ title, confirmLabel, danger, onConfirm, onClose, children }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <Dialog title={title} onClose={onClose}>
      <form noValidate onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const failed = await onConfirm();
        setBusy(false);
        if (failed) setProblem(failed);
        else onClose();
      }}>
        {children}
        <ProblemMessage problem={problem} />
        <div class="actions">
          <button type="submit" class={danger ? 'danger' : undefined} disabled={busy}>{confirmLabel}</button>
          <button type="button" class="secondary" onClick={onClose}>{t.value.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
