/** The period of a balance view: two Moscow days, kept in the URL. */

/** Props of `PeriodPicker`. */
export interface PeriodPickerProps {
  readonly from: string;
  readonly to: string;
  readonly onChange: (period: { from: string; to: string }) => void;
}

/** From / to date inputs (the API allows at most 366 days). */
export function PeriodPicker({ from, to, onChange }: PeriodPickerProps) {
  return (
    <fieldset class="period">
      <legend>Period (Moscow days)</legend>
      <div class="field">
        <label for="period-from">From</label>
        <input id="period-from" type="date" value={from} max={to} required
          onChange={(event) => event.currentTarget.value && onChange({ from: event.currentTarget.value, to })} />
      </div>
      <div class="field">
        <label for="period-to">To</label>
        <input id="period-to" type="date" value={to} min={from} required
          onChange={(event) => event.currentTarget.value && onChange({ from, to: event.currentTarget.value })} />
      </div>
    </fieldset>
  );
}
