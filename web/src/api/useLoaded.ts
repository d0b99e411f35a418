/** A screen's data from one typed call, reloaded when its inputs change, with its loading and failure states. */
import { useEffect, useState } from 'preact/hooks';
import type { Outcome } from './client';
import type { Problem } from './errorMessages';

/** How long a load runs before the screen shows that it is loading (a quicker answer never flickers). */
export const SHOW_LOADING_AFTER_MS = 300;

/** What is on screen: the data, or the problem, or neither while loading. */
export interface Loaded<T> {
  readonly data: T | null;
  readonly problem: Problem | null;
  /** True while a load runs. */
  readonly loading: boolean;
  /** True once a load has run for `SHOW_LOADING_AFTER_MS`: time to show a loading state. */
  readonly slow: boolean;
  /** Loads again (the Retry button). */
  readonly retry: () => void;
  /** Replaces the data (e.g. with the answer of a change). */
  readonly replace: (data: T) => void;
}

/** True once `loading` has stayed true for `SHOW_LOADING_AFTER_MS`. */
export function useSlow(loading: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), SHOW_LOADING_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  return slow && loading;
}

/** Runs `load` whenever `inputs` change (or on retry); the answer to an older load is dropped, and old data never stays under new inputs. */
export function useLoaded<T>(load: () => Promise<Outcome<T>>, inputs: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ data: null, problem: null, loading: true });
    void load().then((outcome) => {
      if (!current) return;
      setState(outcome.ok ? { data: outcome.data, problem: null, loading: false } : { data: null, problem: outcome.problem, loading: false });
    });
    return () => {
      current = false;
    };
  }, [...inputs, attempt]);
  const slow = useSlow(state.loading);
  return {
    ...state,
    slow,
    retry: () => setAttempt((n) => n + 1),
    replace: (data) => setState({ data, problem: null, loading: false }),
  };
}
