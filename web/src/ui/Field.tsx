/** A labelled form control with its hint and its error from the API, wired for screen readers. */

/** Props of `Field`. */
export interface FieldProps {
  readonly label: string;
  /** Names the control (its id is `field-<name>`). */
  readonly name: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'email' | 'tel';
  readonly required?: boolean;
  readonly multiline?: boolean;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly autoComplete?: string;
  readonly placeholder?: string;
  readonly maxLength?: number;
}

/**
 * One `<label for>` + input (or textarea) + hint + error. (Preact's types narrow `<input>` by one
 * literal `type`; all three kinds here share the text attributes, hence the cast.)
 */
export function Field({ label, name, value, onValue, type = 'text', required, multiline, hint, error, autoComplete, placeholder, maxLength }: FieldProps) {
  const id = `field-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const control = {
    id, name, value, required, placeholder, maxLength,
    'aria-describedby': described,
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {multiline
        ? <textarea {...control} rows={4} onInput={(event) => onValue(event.currentTarget.value)} />
        : <input {...control} type={type as 'text'} autoComplete={autoComplete} onInput={(event) => onValue(event.currentTarget.value)} />}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
