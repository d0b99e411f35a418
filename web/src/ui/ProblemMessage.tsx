/**
 * The one way a screen shows a failed call: the problem in words, announced to screen readers,
 * with a Retry button where trying again makes sense. When the service said how long to wait
 * (`Retry-After` of a 429 or 503), it counts down and tries again by itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Problem, problemWords } from '../api/errorMessages';
import { t } from '../i18n/catalogue';

/** Props of `ProblemMessage`. */
export interface ProblemMessageProps {
  readonly problem: Problem | null | undefined;
  /** Offered as a Retry button (and run when a Retry-After countdown ends). */
  readonly onRetry?: (() => void) | undefined;
}

/** Renders nothing without a problem. */
export function ProblemMessage({ problem, onRetry }: ProblemMessageProps) {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const wait = problem?.retryAfter;
    if (!wait || !onRetry) return setLeft(null);
    setLeft(wait);
    let remaining = wait;
    const timer = setInterval(() => {
      remaining -= 1;
      setLeft(remaining);
      if (remaining <= 0) {
        clearInterval(timer);
        onRetry();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [problem]);
  if (!problem) return null;
  const words = t.value;
  return (
    <div class="problem">
      <p role="alert">{problemWords(problem, words)}</p>
      {onRetry && (
        <p class="problem-actions">
          {left !== null && left > 0 && <span class="countdown">{words.common.retryIn(left)}</span>}
          <button type="button" class="secondary" onClick={onRetry}>{words.common.retry}</button>
        </p>
      )}
    </div>
  );
}
