/** The one way a screen shows a failed call: the problem in words, announced to screen readers. */
import type { Problem } from '../api/errorMessages';

/** Renders nothing without a problem. */
export function ProblemMessage({ problem }: { readonly problem: Problem | null | undefined }) {
  if (!problem) return null;
  return <p class="problem" role="alert">{problem.message}</p>;
}
