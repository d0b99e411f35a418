/**
 * Contact sales (public): a reseller or integrator applies to become a partner. Field-level errors
 * come from the API; one Idempotency-Key per filled-in form makes a double submit or a retry
 * after a lost answer create one application.
 */
import { useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { AppShell } from '../../ui/AppShell';
import { Field } from '../../ui/Field';
import { formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';

const EMPTY = { name: '', email: '', phone: '', company: '', message: '' };

/** The form, then the confirmation. */
export function ContactSales() {
  const [form, setForm] = useState(EMPTY);
  const [key, setKey] = useState(idempotencyKey);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ contactDueAt: string } | null>(null);
  const set = (field: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const outcome = await attempt(api().POST('/partner-applications', {
      body: form,
      params: { header: { 'Idempotency-Key': key } },
    }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setSent({ contactDueAt: outcome.data.contactDueAt });
  };

  if (sent) {
    return (
      <AppShell title="Application sent">
        <h1 tabIndex={-1}>Thank you — your application is in</h1>
        <p role="status">
          We have sent a confirmation to <strong>{form.email}</strong>. A manager of the partner department will contact you
          by <strong>{formatMoscow(sent.contactDueAt)}</strong> (Moscow time).
        </p>
        <button type="button" class="secondary" onClick={() => {
          setForm(EMPTY);
          setKey(idempotencyKey());
          setSent(null);
        }}>
          Send another application
        </button>
      </AppShell>
    );
  }

  const fields = problem?.fields ?? {};
  return (
    <AppShell title="Contact sales">
      <h1 tabIndex={-1}>Become a partner</h1>
      <p>Resellers and integrators of our cloud: tell us about your company. A manager contacts you within 48 hours.</p>
      <form class="panel narrow" onSubmit={(event) => void submit(event)} noValidate>
        <ProblemMessage problem={problem} />
        <Field label="Your name" name="name" required autoComplete="name" value={form.name} onValue={set('name')} error={fields.name} />
        <Field label="E-mail" name="email" type="email" required autoComplete="email" value={form.email} onValue={set('email')} error={fields.email} />
        <Field label="Phone" name="phone" type="tel" required autoComplete="tel" value={form.phone} onValue={set('phone')} error={fields.phone}
          hint="International format, e.g. +7 495 123-45-67" />
        <Field label="Company" name="company" required autoComplete="organization" value={form.company} onValue={set('company')} error={fields.company} />
        <Field label="Message" name="message" required multiline value={form.message} onValue={set('message')} error={fields.message}
          hint="What you do and how you would work with our cloud." />
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send application'}</button>
      </form>
    </AppShell>
  );
}
