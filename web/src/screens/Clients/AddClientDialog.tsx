/**
 * "Add client": the partner invites a person by e-mail. The cloud account identifier is optional —
 * given when the person already has a cloud account; without it, the account is the one the person
 * signs in with (or signs up for) when accepting.
 */
import { useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import { showAdded } from './clientList';
import type { Problem } from '../../api/errorMessages';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Props of `AddClientDialog`. */
export interface AddClientDialogProps {
  /** Called with the invited e-mail after success, or with null when the partner cancels. */
  readonly onClose: (invited: string | null) => void;
}

/** The form in a dialog. */
export function AddClientDialog({ onClose }: AddClientDialogProps) {
  const [form, setForm] = useState({ email: '', name: '', phone: '', accountId: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // One intent, one key: a double click or a retry after a lost answer adds the client once.
  const [key] = useState(idempotencyKey);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const optional = (value: string) => value.trim() || undefined;
    const outcome = await attempt(api().POST('/clients', {
      body: {
        email: form.email.trim(),
        name: optional(form.name),
        phone: optional(form.phone),
        accountId: optional(form.accountId),
      },
      params: { header: { 'Idempotency-Key': key } },
    }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    // A new client has no balance yet (an invited client has none).
    showAdded({ ...outcome.data, balance: null });
    onClose(outcome.data.email);
  };

  const fields = problem?.fields ?? {};
  return (
    <Dialog title="Add client" onClose={() => onClose(null)}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ProblemMessage problem={problem} />
        <Field label="E-mail" name="email" type="email" required autoComplete="off" value={form.email} onValue={set('email')}
          error={fields.email} hint="The invitation link is sent here." />
        <Field label="Name" name="name" value={form.name} onValue={set('name')} error={fields.name} />
        <Field label="Phone" name="phone" type="tel" value={form.phone} onValue={set('phone')} error={fields.phone} />
        <Field label="Cloud account identifier" name="accountId" value={form.accountId} onValue={set('accountId')}
          error={fields.accountId} hint="Only if the client already has a cloud account. Otherwise they sign up when accepting." />
        <div class="actions">
          <button type="submit" disabled={busy}>Send invitation</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
