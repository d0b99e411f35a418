import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { NotPermittedError } from '../domain/errors';
import { metricsNamespace } from './metricsNamespace';

/**
 * Metrics of the console users' sign-in triggers (EMF, dimension `service` = the trigger's handler):
 * a refusal is the gate working (a blocked account, a token naming no user), an error is the gate
 * failing (a time-out, DynamoDB unavailable). Cognito sees both as a thrown error and the function's
 * Errors metric counts both, so the alarm watches `SignInErrors` alone.
 */
export const SIGN_IN_METRICS = { errors: 'SignInErrors', refusals: 'SignInRefusals' } as const;

/** Props of {@link signInTrigger}. */
export interface SignInTriggerProps<E> {
  /** The trigger's handler module, the `service` dimension of its metrics. */
  readonly name: string;
  /** The gate itself: returns the event Cognito continues with, throws to refuse. */
  readonly admit: (event: E) => Promise<E>;
  /** Where the metrics go; a Powertools `Metrics` on the stage's namespace unless a test passes its own. */
  readonly metrics?: Metrics;
}

/**
 * Wraps a Cognito trigger of the console users' pool: counts each refusal and each error as its own
 * metric, flushes it, and rethrows so that Cognito refuses the sign-in either way.
 *
 * @example
 * export const handler = signInTrigger({ name: 'consoleSignInGate', admit: async (event) => { …; return event; } });
 */
export function signInTrigger<E>(props: SignInTriggerProps<E>): (event: E) => Promise<E> {
  const metrics = props.metrics ?? new Metrics({ namespace: metricsNamespace(), serviceName: props.name });
  return async function signInTriggerHandler(event) {
    try {
      return await props.admit(event);
    } catch (error) {
      metrics.addMetric(error instanceof NotPermittedError ? SIGN_IN_METRICS.refusals : SIGN_IN_METRICS.errors, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
      throw error;
    }
  };
}
