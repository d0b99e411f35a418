/**
 * "Add client": the partner invites a person by e-mail. The cloud account identifier is optional —
 * given when the person already has a cloud account; without it, the account is the one the person
 * signs in with (or signs up for) when accepting.
 */
import { useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import { fieldWords, localProblem, type Problem } from '../../api/errorMessages';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { type FieldRule, fieldsInError, focusFirstField } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';

const RULES: Record<'email' | 'name' | 'phone' | 'accountId', FieldRule> = {
  email: { required: true, kind: 'email' },
  name: { maxLength: 200 },
  phone: { kind: 'phone' },
  accountId: { kind: 'accountId' },
};

/** Props of `AddClientDialog`. */
export interface AddClientDialogProps {
  /** Called with the invited e-mail after success, or with null when the partner cancels. */
  readonly onClose: (invited: string | null) => void;
}

/** The form in a dialog. */
export function AddClientDialog({ onClose }: AddClientDialogProps) {
  const words = t.value;
  const [form, setForm] = useState({ email: '', name: '', phone: '', accountId: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // One intent, one key: a double click or a retry after a lost answer adds the client once.
  const [key] = useState(idempotencyKey);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const wrong = fieldsInError(form, RULES);
    if (wrong.length > 0) {
      setProblem(localProblem('validation_failed', wrong));
      return focusFirstField(wrong);
    }
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
    if (outcome.ok) return onClose(outcome.data.email);
    setProblem(outcome.problem);
    focusFirstField(outcome.problem.fields);
  };

  const error = (name: string) => (problem?.fields.includes(name) ? fieldWords(name, words) : undefined);
  return (
    <Dialog title={words.addClient.title} onClose={() => onClose(null)}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ProblemMessage problem={problem} />
        <Field label={words.addClient.email} name="email" type="email" required autoComplete="off" value={form.email} onValue={set('email')}
          error={error('email')} hint={words.addClient.emailHint} />
        <Field label={words.addClient.name} name="name" value={form.name} onValue={set('name')} error={error('name')} maxLength={200} />
        <Field label={words.addClient.phone} name="phone" type="tel" value={form.phone} onValue={set('phone')} error={error('phone')} />
        <Field label={words.addClient.accountId} name="accountId" value={form.accountId} onValue={set('accountId')}
          error={error('accountId')} hint={words.addClient.accountIdHint} />
        <div class="actions">
          <button type="submit" disabled={busy}>{words.addClient.submit}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
