/**
 * "Edit details": the partner corrects its client's name and phone (the e-mail and the cloud
 * account belong to the invitation and are not editable). Checked in the browser with the same
 * rules as adding a client; an emptied field is cleared; unchanged values are not sent at all.
 */
import { api, attempt } from '../../api/client';
import type { Client } from '../../api/types';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import type { FieldRule } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCheckedForm } from '../../ui/useCheckedForm';

const RULES: Record<'name' | 'phone', FieldRule> = { name: { maxLength: 200 }, phone: { kind: 'phone' } };

/** Props of `EditClientDialog`. */
export interface EditClientDialogProps {
  readonly client: Client;
  /** Called with the client as stored after a change, or with null when the partner cancels (or changed nothing). */
  readonly onClose: (edited: Client | null) => void;
}

/** The edit form in a dialog. */
export function EditClientDialog({ client, onClose }: EditClientDialogProps) {
  const words = t.value;
  const dialog = words.clientEdit;
  const { form, set, error, problem, busy, key, passesChecks, send } = useCheckedForm({ name: client.name ?? '', phone: client.phone ?? '' }, RULES);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!passesChecks()) return;
    // Only what changed is sent; an emptied field is cleared (null).
    const wanted = (value: string, stored: string | undefined) => {
      const text = value.trim() || null;
      return text === (stored ?? null) ? undefined : text;
    };
    const body = { name: wanted(form.name, client.name), phone: wanted(form.phone, client.phone) };
    if (body.name === undefined && body.phone === undefined) return onClose(null);
    const edited = await send(() => attempt(api().PATCH('/clients/{id}', {
      params: { path: { id: client.id }, header: { 'Idempotency-Key': key } },
      body,
    })));
    if (edited) onClose(edited);
  };

  return (
    <Dialog title={dialog.title} onClose={() => onClose(null)}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ProblemMessage problem={problem} />
        <p class="hint">{dialog.fixed}</p>
        <Field label={words.addClient.name} name="name" value={form.name} onValue={set('name')} error={error('name')} maxLength={200} autoComplete="off" />
        <Field label={words.addClient.phone} name="phone" type="tel" value={form.phone} onValue={set('phone')} error={error('phone')} hint={dialog.phoneHint} autoComplete="off" />
        <div class="actions">
          <button type="submit" disabled={busy}>{dialog.save}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
