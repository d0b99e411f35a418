/** A screen's data from one typed call, reloaded when its inputs change. */
import { useEffect, useState } from 'preact/hooks';
import type { Outcome } from './client';
import type { Problem } from './errorMessages';

/** What is on screen: the data, or the problem, or neither while loading. */
export interface Loaded<T> {
  readonly data: T | null;
  readonly problem: Problem | null;
  /** Replaces the data (e.g. with the answer of a change). */
  readonly replace: (data: T) => void;
}

/** Runs `load` whenever `inputs` change; the answer to an older load is dropped. */
export function useLoaded<T>(load: () => Promise<Outcome<T>>, inputs: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null }>({ data: null, problem: null });
  useEffect(() => {
    let current = true;
    setState({ data: null, problem: null });
    void load().then((outcome) => {
      if (current) setState(outcome.ok ? { data: outcome.data, problem: null } : { data: null, problem: outcome.problem });
    });
    return () => {
      current = false;
    };
  }, inputs);
  return { ...state, replace: (data) => setState({ data, problem: null }) };
}
