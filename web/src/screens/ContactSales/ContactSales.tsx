/**
 * Contact sales (public): a reseller or integrator applies to become a partner. The browser checks
 * each field first (the API's rules), the API's field errors come back by field, and focus goes to
 * the first field in error. One Idempotency-Key per filled-in form, kept with the "Thank you" page
 * for the browser session: a reload shows the page again and a resubmit cannot create a second application.
 */
import { useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import { t } from '../../i18n/catalogue';
import { formatMoscowTime } from '../../i18n/format';
import { language } from '../../i18n/language';
import { AppShell } from '../../ui/AppShell';
import { Field } from '../../ui/Field';
import type { FieldRule } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCheckedForm } from '../../ui/useCheckedForm';

const EMPTY = { name: '', email: '', phone: '', company: '', message: '' };
const RULES: Record<keyof typeof EMPTY, FieldRule> = {
  name: { required: true, maxLength: 200 },
  email: { required: true, kind: 'email' },
  phone: { required: true, kind: 'phone' },
  company: { required: true, maxLength: 200 },
  message: { required: true, maxLength: 5000 },
};

/** What this browser session remembers of the form: its key, and the answer once sent. */
interface Remembered {
  readonly key: string;
  readonly sent?: { readonly email: string; readonly contactDueAt: string };
}

const STORAGE_KEY = 'partnerdesk.application';

function remembered(): Remembered {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Remembered | null;
    if (value && typeof value.key === 'string') return value;
  } catch {
    // Nothing usable stored: a new form.
  }
  return { key: idempotencyKey() };
}

function remember(value: Remembered): Remembered {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  return value;
}

/** The form, then the confirmation. */
export function ContactSales() {
  const words = t.value;
  const page = words.contactSales;
  const [state, setState] = useState(remembered);
  const checked = useCheckedForm(EMPTY, RULES, { key: state.key });
  const { form, set, error } = checked;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (checked.busy || !checked.passesChecks()) return;
    remember(state);
    const sent = await checked.send(() => attempt(api().POST('/partner-applications', {
      // The applicant's mails come in the language of the form they sent.
      body: { ...form, language: language.value },
      params: { header: { 'Idempotency-Key': checked.key } },
    })));
    if (sent) setState(remember({ key: state.key, sent: { email: form.email.trim(), contactDueAt: sent.contactDueAt } }));
  };

  if (state.sent) {
    return (
      <AppShell title={page.sentTitle}>
        <h1 tabIndex={-1}>{page.sentHeading}</h1>
        <p role="status">{page.sentText(state.sent.email, formatMoscowTime(state.sent.contactDueAt))}</p>
        <button type="button" class="secondary" onClick={() => {
          checked.reset();
          sessionStorage.removeItem(STORAGE_KEY);
          setState({ key: idempotencyKey() });
        }}>
          {page.another}
        </button>
      </AppShell>
    );
  }

  return (
    <AppShell title={page.title}>
      <h1 tabIndex={-1}>{page.heading}</h1>
      <p>{page.intro}</p>
      <form class="panel narrow" onSubmit={(event) => void submit(event)} noValidate>
        <ProblemMessage problem={checked.problem} />
        <Field label={page.name} name="name" required autoComplete="name" value={form.name} onValue={set('name')} error={error('name')} maxLength={200} />
        <Field label={page.email} name="email" type="email" required autoComplete="email" value={form.email} onValue={set('email')} error={error('email')} />
        <Field label={page.phone} name="phone" type="tel" required autoComplete="tel" value={form.phone} onValue={set('phone')} error={error('phone')}
          hint={page.phoneHint} />
        <Field label={page.company} name="company" required autoComplete="organization" value={form.company} onValue={set('company')} error={error('company')}
          maxLength={200} />
        <Field label={page.message} name="message" required multiline value={form.message} onValue={set('message')} error={error('message')}
          hint={page.messageHint} maxLength={5000} />
        <button type="submit" disabled={checked.busy}>{checked.busy ? page.sending : page.submit}</button>
      </form>
    </AppShell>
  );
}
