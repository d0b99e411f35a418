import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { Clock } from '../domain/Clock';
import { type JobRun, oldestOverdueAgeSeconds, requireProgress } from '../domain/JobRun';
import { type TimeBudget, timeBudget, UNLIMITED_TIME } from '../domain/TimeBudget';
import { logger } from './logger';
import { metricsNamespace } from './metricsNamespace';

/** Names of the metrics every job emits (EMF), with the dimensions `service` and `job`. */
export const JOB_METRICS = {
  processed: 'processed',
  failed: 'failed',
  oldestOverdueAge: 'oldestOverdueAge',
} as const;

/**
 * Time a job keeps in hand when it stops taking new work: one piece of work already started (a page
 * of 100 conditional writes, a mail) finishes, then the metrics are flushed, well inside its timeout.
 */
export const JOB_TIME_RESERVE_MS = 10_000;

/** Props of {@link scheduledJob}. */
export interface ScheduledJobProps<R extends JobRun> {
  /** The job's name (its handler module), the `job` dimension of its metrics. */
  readonly job: string;
  /** The container's clock, for the age of the oldest due item. */
  readonly clock: Clock;
  /** One run of the job: it takes new work only while `budget` has time left. */
  readonly run: (budget: TimeBudget) => Promise<R>;
  /** Where the metrics go; a Powertools `Metrics` on the service's namespace unless a test passes its own. */
  readonly metrics?: Metrics;
}

/**
 * Wraps a scheduled job for EventBridge: logs with the Lambda context and the schedule event's id
 * as correlation id, gives the run a time budget that ends {@link JOB_TIME_RESERVE_MS} before the
 * invocation does (the rest of the work waits for the next run), emits `processed`, `failed` and `oldestOverdueAge` (seconds) as EMF metrics
 * on every run, and then fails loudly (throws) when the run made no progress while work was due,
 * so the function's Errors metric and its alarm see it.
 *
 * @example
 * export const handler = scheduledJob({ job: 'expireInvitations', clock, run: async () => toJobRun(await expireInvitations(deps)) });
 */
export function scheduledJob<R extends JobRun>(props: ScheduledJobProps<R>): (event: ScheduledEvent, context?: Context) => Promise<R> {
  const metrics =
    props.metrics ??
    new Metrics({
      namespace: metricsNamespace(),
      serviceName: 'partnerdesk',
      defaultDimensions: { job: props.job },
    });
  return async function scheduledJobHandler(event, context) {
    if (context) logger.addContext(context);
    if (event.id) logger.setCorrelationId(event.id);
    const budget = context ? timeBudget(() => context.getRemainingTimeInMillis(), JOB_TIME_RESERVE_MS) : UNLIMITED_TIME;
    const result = await props.run(budget);
    metrics.addMetric(JOB_METRICS.processed, MetricUnit.Count, result.processed);
    metrics.addMetric(JOB_METRICS.failed, MetricUnit.Count, result.failed);
    metrics.addMetric(JOB_METRICS.oldestOverdueAge, MetricUnit.Seconds, oldestOverdueAgeSeconds(result, props.clock.now()));
    metrics.publishStoredMetrics();
    logger.info(`${props.job} run`, { run: result });
    requireProgress(props.job, result);
    return result;
  };
}
