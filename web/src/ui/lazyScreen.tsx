/**
 * A screen loaded when first shown (its own chunk), so the console's first download stays small;
 * a chunk that cannot be fetched shows the one problem message with Retry.
 */
import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { UNREACHABLE } from '../api/errorMessages';
import { SHOW_LOADING_AFTER_MS } from '../api/useLoaded';
import { t } from '../i18n/catalogue';
import { AppShell } from './AppShell';
import { ProblemMessage } from './ProblemMessage';

/** A component that renders the one `load` answers, once it has arrived. */
export function lazyScreen<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  let loaded: ComponentType<Props> | undefined;
  let pending: Promise<ComponentType<Props>> | undefined;
  return function LazyScreen(props: Props) {
    const [, setArrived] = useState(0);
    const [failed, setFailed] = useState(false);
    const [slow, setSlow] = useState(false);
    useEffect(() => {
      if (loaded) return;
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
    if (loaded) return h(loaded, props);
    if (!failed && !slow) return null;
    return (
      <AppShell title={t.value.common.loading}>
        {failed ? <ProblemMessage problem={UNREACHABLE} onRetry={() => setFailed(false)} /> : <p role="status" class="loading-line">{t.value.common.loading}</p>}
      </AppShell>
    );
  };
}
