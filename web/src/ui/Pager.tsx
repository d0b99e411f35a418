/** Cursor paging under a list: the buttons that apply, and where the page is when the list is counted. */
import { t } from '../i18n/catalogue';

/** Props of `Pager`: a handler for each move that is possible now. */
export interface PagerProps {
  readonly onFirst?: (() => void) | undefined;
  readonly onPrevious?: (() => void) | undefined;
  readonly onNext?: (() => void) | undefined;
  /** "1–20 of N": the first and last row of this page, and the total when the API counts it. */
  readonly position?: { readonly first: number; readonly last: number; readonly total?: number | undefined } | undefined;
}

/** First / previous / next page. */
export function Pager({ onFirst, onPrevious, onNext, position }: PagerProps) {
  const words = t.value;
  if (!onFirst && !onPrevious && !onNext && !position) return null;
  return (
    <nav class="pager" aria-label={words.common.pages}>
      {position && position.last >= position.first && (
        <span class="position">
          {position.total === undefined ? words.pager.shownOpen(position.first, position.last) : words.pager.shown(position.first, position.last, position.total)}
        </span>
      )}
      {onFirst && <button type="button" class="secondary" onClick={onFirst}>{words.common.firstPage}</button>}
      {onPrevious && <button type="button" class="secondary" onClick={onPrevious}>{words.common.previousPage}</button>}
      {onNext && <button type="button" class="secondary" onClick={onNext}>{words.common.nextPage}</button>}
    </nav>
  );
}
