/**
 * The checks a form runs in the browser before sending: the same rules as the API's schemas
 * (required, length, e-mail, international phone, cloud account id), so most mistakes are named
 * at once; whatever the API still refuses comes back by field in `error.details`.
 */

/** What one field must be. */
export interface FieldRule {
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly kind?: 'email' | 'phone' | 'accountId';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
const ACCOUNT_ID = /^acc-[0-9a-z]{20}$/;

/** True when `value` meets `rule`. */
export function meetsRule(value: string, rule: FieldRule): boolean {
  const text = value.trim();
  if (!text) return !rule.required;
  if (rule.maxLength !== undefined && text.length > rule.maxLength) return false;
  if (rule.kind === 'email') return EMAIL.test(text) && text.length <= 254;
  if (rule.kind === 'phone') return PHONE.test(text.replace(/[\s\-().]/g, ''));
  if (rule.kind === 'accountId') return ACCOUNT_ID.test(text);
  return true;
}

/** The fields of `form` (in the order of `rules`) that fail their rule. */
export function fieldsInError<Name extends string>(form: Readonly<Record<Name, string>>, rules: Readonly<Record<Name, FieldRule>>): Name[] {
  return (Object.keys(rules) as Name[]).filter((name) => !meetsRule(form[name], rules[name]));
}

/** Moves focus to the first field in error (the form's `Field`s have ids `field-<name>`), after the screen shows the errors. */
export function focusFirstField(fields: readonly string[]): void {
  const first = fields[0];
  if (first) setTimeout(() => document.getElementById(`field-${first}`)?.focus(), 0);
}
