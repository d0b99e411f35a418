/**
 * The state every form dialog keeps: its text fields, the problem shown (from the browser's own
 * checks or the API's answer), whether a request is under way, and one idempotency key per intent.
 */
import { useState } from 'preact/hooks';
import { idempotencyKey, type Outcome } from '../api/client';
import { fieldWords, localProblem, type Problem } from '../api/errorMessages';
import { t } from '../i18n/catalogue';
import { type FieldRule, fieldsInError, focusFirstField } from './formChecks';

/** What a form may bring of its own. */
export interface CheckedFormOptions {
  /** The idempotency key of its intent, when the form keeps it itself (the public form keeps it for the browser session). */
  readonly key?: string;
}

/** A checked form: its fields, their setters and errors, and the steps of a submission. */
export function useCheckedForm<Name extends string>(initial: Readonly<Record<Name, string>>, rules: Readonly<Record<Name, FieldRule>>, options: CheckedFormOptions = {}) {
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // One intent, one key: a double click or a retry after a lost answer is one change.
  const [ownKey] = useState(idempotencyKey);
  return {
    form,
    problem,
    busy,
    key: options.key ?? ownKey,
    /** Empties the form and its problem (a new intent: a form with its own key gives a new one). */
    reset: () => {
      setForm(initial);
      setProblem(null);
    },
    // From the current state, not this render's: autofill fills several fields before the next render.
    set: (field: Name) => (value: string) => setForm((current) => ({ ...current, [field]: value })),
    /** The words under a field the last check or answer named, if it did. */
    error: (field: string) => (problem?.fields.includes(field) ? fieldWords(field, t.value) : undefined),
    /** True when every field meets its rule; otherwise shows which do not and focuses the first. */
    passesChecks: (): boolean => {
      const wrong = fieldsInError(form, rules);
      if (wrong.length === 0) return true;
      setProblem(localProblem('validation_failed', wrong));
      focusFirstField(wrong);
      return false;
    },
    /** Sends the request, busy meanwhile; the data when it succeeded, or undefined with the problem shown (its first field focused). */
    send: async <Data>(request: () => Promise<Outcome<Data>>): Promise<Data | undefined> => {
      setBusy(true);
      const outcome = await request();
      setBusy(false);
      if (outcome.ok) return outcome.data;
      setProblem(outcome.problem);
      focusFirstField(outcome.problem.fields);
      return undefined;
    },
  };
}
