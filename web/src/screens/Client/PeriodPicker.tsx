/** The period of a balance view: two Moscow days kept in the URL, typed or picked from presets; longer than 366 days is refused on the field. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/catalogue';
import { DayField } from '../../ui/DayField';
import { daysInclusive, MAX_PERIOD_DAYS, moscowDay, type Period, type PresetName, presetPeriod } from '../../ui/moscowTime';

const PRESETS: readonly PresetName[] = ['thisMonth', 'lastMonth', 'last30', 'quarter', 'yearToDate'];

/** Props of `PeriodPicker`. */
export interface PeriodPickerProps {
  readonly from: string;
  readonly to: string;
  readonly onChange: (period: Period) => void;
}

/** What is wrong with a period, by field: the last day before the first, or more than 366 days. */
export function periodFieldProblem(period: Period): { field: 'from' | 'to'; words: 'to' | 'periodTooLong' } | null {
  const days = daysInclusive(period.from, period.to);
  if (days < 1) return { field: 'to', words: 'to' };
  if (days > MAX_PERIOD_DAYS) return { field: 'from', words: 'periodTooLong' };
  return null;
}

/** Presets, then From / To. */
export function PeriodPicker({ from, to, onChange }: PeriodPickerProps) {
  const words = t.value;
  const [draft, setDraft] = useState<Period | null>(null);
  const shown = draft ?? { from, to };
  const problem = draft ? periodFieldProblem(draft) : null;
  const today = moscowDay(new Date());
  const change = (next: Period) => {
    if (periodFieldProblem(next)) return setDraft(next);
    setDraft(null);
    onChange(next);
  };
  return (
    <fieldset class="period">
      <legend>{words.balance.period}</legend>
      <div class="presets" role="group" aria-label={words.balance.presets}>
        {PRESETS.map((name) => {
          const period = presetPeriod(name, today);
          const current = !draft && period.from === from && period.to === to;
          return (
            <button type="button" class={current ? 'chip current' : 'chip'} aria-pressed={current} onClick={() => change(period)}>
              {words.balance.preset[name]}
            </button>
          );
        })}
      </div>
      <div class="period-days">
        <DayField id="period-from" label={words.balance.from} value={shown.from} required
          error={problem?.field === 'from' ? words.fields[problem.words] : undefined}
          onChange={(day) => day && change({ from: day, to: shown.to })} />
        <DayField id="period-to" label={words.balance.to} value={shown.to} required
          error={problem?.field === 'to' ? words.fields[problem.words] : undefined}
          onChange={(day) => day && change({ from: shown.from, to: day })} />
      </div>
    </fieldset>
  );
}
