/**
 * A catalogue sentence whose values are people's data (a partner's or a client's name): the
 * sentence stays one entry of the catalogue, and each value is marked `translate="no"` so neither
 * a translating browser nor a reader's tools take a name for words of the page.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Renders `words(...values)` with each value in its own `<span translate="no">`. */
export function Sentence<Values extends string[]>({ words, values }: { readonly words: (...values: Values) => string; readonly values: Values }) {
  const marked = values.map((_, index) => `${OPEN}${index}${CLOSE}`) as Values;
  const parts = words(...marked).split(new RegExp(`${OPEN}(\\d+)${CLOSE}`));
  return <>{parts.map((part, index) => (index % 2 === 1 ? <span translate={false}>{values[Number(part)]}</span> : part))}</>;
}
