/**
 * A modal dialog on the native `<dialog>`: focus is trapped by the browser and Escape closes. It
 * opens on its first field (or its primary action, or its title) and gives focus back to what
 * opened it — a row's menu button, a toolbar button — when it closes.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/catalogue';
import { findByKey, focusIsLost, focusKey } from './keptFocus';

/** Props of `Dialog`. */
export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ComponentChildren;
}

/** Where focus goes when the dialog opens: a field, else the primary action, else the title. */
const FIRST_FOCUS = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), .actions button:not([disabled])';

/** How many frames (≈ 2 s) focus waits for its opener to come back from a reloading list. */
const RESTORE_WAIT_FRAMES = 120;

/** Shown while mounted; the parent unmounts it to close. */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    (dialog?.querySelector<HTMLElement>(FIRST_FOCUS) ?? dialog?.querySelector<HTMLElement>('h2'))?.focus();
    return () => {
      dialog?.close();
      // The list under the dialog may be reloading: its stale rows inert, then skeleton rows, then new rows. Focus
      // goes to the opener, or to its namesake among the new rows, once one can take it.
      const key = opener && focusKey(opener);
      const restore = (frames: number) => {
        const target = opener?.isConnected ? opener : key ? findByKey(document, key) : undefined;
        if (target && target.closest('[inert]') === null) return void target.focus();
        const reloading = document.querySelector('[inert], [aria-busy="true"]') !== null;
        if (reloading && frames > 0) return void requestAnimationFrame(() => restore(frames - 1));
        // An opener that is gone for good (a selection bar after its operation) leaves focus to the screen's heading.
        if (focusIsLost()) document.querySelector<HTMLElement>('main h1')?.focus();
      };
      restore(RESTORE_WAIT_FRAMES);
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="dialog-head">
        <h2 id="dialog-title" tabIndex={-1}>{title}</h2>
        <button type="button" class="quiet" aria-label={t.value.common.closeDialog} onClick={onClose}>×</button>
      </div>
      {children}
    </dialog>
  );
}
