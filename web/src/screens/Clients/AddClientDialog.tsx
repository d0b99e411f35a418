/**
 * "Add client": the partner invites a person by e-mail. The cloud account identifier is optional —
 * given when the person already has a cloud account; without it, the account is the one the person
 * signs in with (or signs up for) when accepting.
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { me } from '../../auth/me';
import { t } from '../../i18n/catalogue';
import { showAdded } from './clientList';
import { type Language, LANGUAGES, language } from '../../i18n/language';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import type { FieldRule } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCheckedForm } from '../../ui/useCheckedForm';

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
  const { form, set, error, problem, busy, key, passesChecks, send } = useCheckedForm({ email: '', name: '', phone: '', accountId: '' }, RULES);
  // The invitation's language: the partner's own by default.
  const [mailLanguage, setMailLanguage] = useState<Language>(me.value?.language ?? language.value);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!passesChecks()) return;
    const optional = (value: string) => value.trim() || undefined;
    const added = await send(() => attempt(api().POST('/clients', {
      body: {
        email: form.email.trim(),
        name: optional(form.name),
        phone: optional(form.phone),
        accountId: optional(form.accountId),
        language: mailLanguage,
      },
      params: { header: { 'Idempotency-Key': key } },
    })));
    if (!added) return;
    // A new client has no balance yet (an invited client has none).
    showAdded({ ...added, balance: null });
    onClose(added.email);
  };

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
        <div class="field">
          <label for="field-language">{words.addClient.language}</label>
          <select id="field-language" value={mailLanguage} onChange={(event) => setMailLanguage(event.currentTarget.value as Language)}>
            {LANGUAGES.map((option) => <option value={option} lang={option}>{words.addClient.languages[option]}</option>)}
          </select>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>{words.addClient.submit}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
