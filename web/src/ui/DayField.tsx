/**
 * A day typed and shown in the page's language ("06.12.2026" in Russian, "06/12/2026" in English),
 * whatever the browser's own locale: a text field with the format as its hint, read on change.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/catalogue';
import { formatDay, parseDay } from '../i18n/format';
import { language } from '../i18n/language';

/** Props of `DayField`. */
export interface DayFieldProps {
  readonly id: string;
  readonly label: string;
  /** The day as `YYYY-MM-DD`, or '' for none. */
  readonly value: string;
  /** Called with a valid day, or '' when the field was emptied. */
  readonly onChange: (day: string) => void;
  /** A problem with the day the field holds (e.g. a period too long), in words. */
  readonly error?: string | undefined;
  readonly required?: boolean;
}

/** The labelled field with its format hint and its error. */
export function DayField({ id, label, value, onChange, error, required }: DayFieldProps) {
  const words = t.value;
  const [text, setText] = useState(value ? formatDay(value) : '');
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => {
    setText(value ? formatDay(value) : '');
    setUnreadable(false);
  }, [value, language.value]);
  const shown = unreadable ? words.fields.day : error;
  const read = (typed: string) => {
    if (!typed.trim()) {
      setUnreadable(Boolean(required));
      if (!required) onChange('');
      return;
    }
    const day = parseDay(typed);
    setUnreadable(day === null);
    if (day) {
      setText(formatDay(day));
      onChange(day);
    }
  };
  return (
    <div class={`field day-field${shown ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <input id={id} type="text" inputMode="numeric" autoComplete="off" value={text} placeholder={words.format.dayPlaceholder} size={11}
        required={required} aria-invalid={shown ? true : undefined} aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => read(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') read(event.currentTarget.value);
        }} />
      <p class="visually-hidden" id={`${id}-hint`}>{words.format.dayHint}</p>
      {shown && <p class="field-error" id={`${id}-error`}>{shown}</p>}
    </div>
  );
}
