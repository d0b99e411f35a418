/**
 * A list's count under or beside its heading ("3 of 50"). Its line is there before the count comes (a
 * space), so the heading's row never rewraps when it does; on a phone it is a row of its own (`.head-count`).
 */
export function HeadCount({ text }: { readonly text: string | undefined }) {
  return <p class="muted head-count">{text ?? '\u00a0'}</p>;
}
