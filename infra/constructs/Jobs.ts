import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSpec } from '../../shared/routeTable';
import type { MonitoredJob } from './Monitoring';
import { type SharedResources, ServiceFunction } from './ServiceFunction';

/** Props of {@link Jobs}. */
export interface JobsProps {
  /** The job table (`shared/routeTable.ts`): one function and one schedule per entry. */
  readonly jobs: readonly JobSpec[];
  /** The resources the jobs' `uses` refer to. */
  readonly resources: SharedResources;
  /** Settings every function gets (mail addresses, public base URL, service name). */
  readonly environment: Readonly<Record<string, string>>;
}

/** How often EventBridge retries delivering a run to a function that cannot take it (throttled, unavailable). */
export const SCHEDULE_DELIVERY_RETRIES = 3;

/** Maximum run time of a job. */
export const JOB_TIMEOUT = Duration.seconds(60);

/**
 * Scheduled jobs: one Lambda function per entry of the job table, run by an EventBridge rule
 * every `everyMinutes` minutes (one-off tasks without `everyMinutes` get no rule).
 *
 * A run that is lost ends up in the job's dead-letter queue (encrypted, TLS only, 14 days), for
 * the depth alarm: a run EventBridge could not deliver after its retries, or a run that failed
 * (threw) — Lambda does not retry a failed run, since the next scheduled run is the retry and
 * the jobs' outboxes make it pick up whatever is left. A run older than one interval is stale:
 * the next one has started.
 *
 * @example
 * const jobs = new Jobs(this, 'Jobs', { jobs, resources, environment });
 */
export class Jobs extends Construct {
  /** The functions by handler name. */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The schedules by handler name. */
  public readonly schedules: ReadonlyMap<string, Rule>;
  /** The dead-letter queues by handler name: runs that were not delivered or that failed. */
  public readonly deadLetterQueues: ReadonlyMap<string, Queue>;
  /** What monitoring watches of each job: its metrics' name and interval, its dead-letter queue. */
  public readonly monitoredJobs: readonly MonitoredJob[];

  public constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    const schedules = new Map<string, Rule>();
    const deadLetterQueues = new Map<string, Queue>();
    const monitoredJobs: MonitoredJob[] = [];
    for (const job of props.jobs) {
      const { function: fn } = new ServiceFunction(this, job.handler, {
        handler: job.handler,
        uses: job.uses,
        resources: props.resources,
        environment: props.environment,
        timeout: JOB_TIMEOUT,
      });
      functions.set(job.handler, fn);
      // A one-off task (no `everyMinutes`) has no schedule: an operator invokes it.
      if (job.everyMinutes === undefined) continue;
      const interval = Duration.minutes(job.everyMinutes);
      const deadLetters = new Queue(this, `${job.handler}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter queue of the ${job.handler} schedule target and of its failed runs; nothing consumes it but an operator.`,
      });
      // The destination grants sqs:SendMessage to the function's role (its default policy): Lambda checks that
      // permission when it creates the invoke config and refuses it otherwise (InvalidParameterValueException).
      fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: interval, onFailure: new SqsDestination(deadLetters) });
      const schedule = new Rule(this, `${job.handler}Schedule`, {
        description: `Runs ${job.handler} every ${job.everyMinutes} minute(s)`,
        schedule: Schedule.rate(interval),
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: SCHEDULE_DELIVERY_RETRIES, maxEventAge: interval })],
      });
      schedules.set(job.handler, schedule);
      deadLetterQueues.set(job.handler, deadLetters);
      monitoredJobs.push({ name: job.handler, interval, deadLetterQueue: deadLetters, function: fn });
    }
    this.functions = functions;
    this.schedules = schedules;
    this.deadLetterQueues = deadLetterQueues;
    this.monitoredJobs = monitoredJobs;
  }
}
