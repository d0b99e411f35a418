/**
 * Focus that lives through a list's reload. A reloading list makes its rows inert (the browser then
 * drops focus to the page) and, after a moment, swaps them for skeleton rows, so the rows that come
 * back are new elements. An element is known again by what names it on screen: its accessible name,
 * else its link.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** What names a focusable element on screen, if anything does. */
export function focusKey(element: Element): string | null {
  return element.getAttribute('aria-label') ?? element.getAttribute('href') ?? (element.id || null);
}

/** The element under `root` that `key` names and that can take focus now (not inside an inert part). */
export function findByKey(root: ParentNode, key: string): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
    .find((candidate) => focusKey(candidate) === key && candidate.closest('[inert]') === null);
}

/** Nobody holds focus: it fell to the page when what held it went inert or away. */
export function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * Keeps focus on what held it in a list (a row's menu button, a checkbox) when a reload of the list
 * takes it away: once `loading` ends with focus lost, the same-named element of the new rows gets
 * it. Focus that moved elsewhere on purpose is left alone. Returns the ref of the list's box.
 */
export function useKeptFocus(loading: boolean): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const held = useRef<string | null>(null);
  useEffect(() => {
    const noted = (event: FocusEvent) => {
      held.current = event.target instanceof Element && box.current?.contains(event.target) ? focusKey(event.target) : null;
    };
    document.addEventListener('focusin', noted);
    return () => document.removeEventListener('focusin', noted);
  }, []);
  useEffect(() => {
    const key = held.current;
    if (!loading && key !== null && box.current && focusIsLost()) findByKey(box.current, key)?.focus();
  }, [loading]);
  return box;
}
