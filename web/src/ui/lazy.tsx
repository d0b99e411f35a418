/**
 * Parts of the console loaded when first shown (their own chunks), so its first download stays
 * small: whole screens, and the spend and team parts of the clients list and client page. A chunk
 * that cannot be fetched shows the one problem message with Retry, which loads the page again.
 */
import { type ComponentChildren, type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { UNREACHABLE } from '../api/errorMessages';
import { SHOW_LOADING_AFTER_MS } from '../api/useLoaded';
import { t } from '../i18n/catalogue';
import { AppShell } from './AppShell';
import { ProblemMessage } from './ProblemMessage';

/** What shows while the chunk loads slowly, or after it failed to load. */
type Waiting = (state: { readonly failed: boolean; readonly retry: () => void }) => ComponentChildren;

/** A part loaded when first shown, whose chunk can also be asked for before (`preload`). */
export type LazyComponent<Props extends object> = ComponentType<Props> & {
  /** Starts loading the chunk now (the entry does it for the address's screen, beside the session's requests); a failure shows when the part renders. */
  readonly preload: () => void;
};

/** A component that renders the one `load` answers once it has arrived, and `waiting` until then (after a moment). */
export function lazyPart<Props extends object>(load: () => Promise<ComponentType<Props>>, waiting: Waiting): LazyComponent<Props> {
  let loaded: ComponentType<Props> | undefined;
  let pending: Promise<ComponentType<Props>> | undefined;
  function LazyPart(props: Props) {
    const [, setArrived] = useState(0);
    const [failed, setFailed] = useState(false);
    const [slow, setSlow] = useState(false);
    const ready = loaded;
    useEffect(() => {
      if (ready || failed) return;
      // Arrived between this render and its effect (the entry preloads the address's screen): render it now.
      if (loaded) return setArrived((n) => n + 1);
      const timer = setTimeout(() => setSlow(true), SHOW_LOADING_AFTER_MS);
      pending ??= load();
      pending.then((component) => {
        loaded = component;
        setArrived((n) => n + 1);
      }, () => {
        pending = undefined;
        setFailed(true);
      }).finally(() => clearTimeout(timer));
      return () => clearTimeout(timer);
    }, [failed]);
    if (ready) return h(ready, props);
    // Chromium keeps a module that failed to load failed for the page's life: importing it again fails at once.
    // Retry loads the page again (the address keeps the screen, tab and period; the session is kept).
    return failed || slow ? <>{waiting({ failed, retry: () => window.location.reload() })}</> : null;
  }
  const preload = () => {
    if (loaded || pending) return;
    pending = load();
    // Kept as it is: the part's own render handles a failure (Retry), this only keeps it from being reported as unhandled.
    pending.then((component) => {
      loaded = component;
    }, () => undefined);
  };
  return Object.assign(LazyPart, { preload });
}

/** Loading, or the problem with Retry, in the page. */
export function waitingInPlace({ failed, retry }: { readonly failed: boolean; readonly retry: () => void }) {
  return failed ? <ProblemMessage problem={UNREACHABLE} onRetry={retry} /> : <p role="status" class="loading-line">{t.value.common.loading}</p>;
}

/**
 * A whole screen loaded when first shown (the frame with loading, or the problem, until then). `source` is
 * its module's path under `web/src` (`screens/Home/Home`): `preload` then also asks for the chunks its
 * chunk imports, which index.html names (web/build.ts `lazyChunkImports`), so they come beside it.
 */
export function lazyScreen<Props extends object>(load: () => Promise<ComponentType<Props>>, source?: string): LazyComponent<Props> {
  const screen = lazyPart(load, (state) => <AppShell title={t.value.common.loading}>{waitingInPlace(state)}</AppShell>);
  if (!source) return screen;
  const loadChunk = screen.preload;
  return Object.assign(screen, {
    preload: () => {
      for (const href of chunkImports()[source] ?? []) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = href;
        document.head.append(link);
      }
      loadChunk();
    },
  });
}

/** index.html's list of the chunks each lazily loaded module imports (none in a page without it, e.g. a prerendered one). */
function chunkImports(): Record<string, readonly string[]> {
  const block = document.getElementById('chunk-imports');
  try {
    return block?.textContent ? (JSON.parse(block.textContent) as Record<string, readonly string[]>) : {};
  } catch {
    return {};
  }
}
