/** Cursor paging under a list: the buttons that apply. */

/** Props of `Pager`: a handler for each move that is possible now. */
export interface PagerProps {
  readonly onFirst?: (() => void) | undefined;
  readonly onPrevious?: (() => void) | undefined;
  readonly onNext?: (() => void) | undefined;
}

/** First / previous / next page. */
export function Pager({ onFirst, onPrevious, onNext }: PagerProps) {
  return (
    <nav class="pager" aria-label="Pages">
      {onFirst && <button type="button" class="secondary" onClick={onFirst}>First page</button>}
      {onPrevious && <button type="button" class="secondary" onClick={onPrevious}>Previous page</button>}
      {onNext && <button type="button" class="secondary" onClick={onNext}>Next page</button>}
    </nav>
  );
}
