import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { JobSpec } from '../../shared/routeTable';
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

/**
 * Scheduled jobs: one Lambda function per entry of the job table, run by an EventBridge rule
 * every `everyMinutes` minutes (one-off tasks without `everyMinutes` get no rule).
 *
 * @example
 * const jobs = new Jobs(this, 'Jobs', { jobs, resources, environment });
 */
export class Jobs extends Construct {
  /** The functions by handler name. */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The schedules by handler name. */
  public readonly schedules: ReadonlyMap<string, Rule>;

  public constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    const schedules = new Map<string, Rule>();
    for (const job of props.jobs) {
      const { function: fn } = new ServiceFunction(this, job.handler, {
        handler: job.handler,
        uses: job.uses,
        resources: props.resources,
        environment: props.environment,
        timeout: Duration.seconds(60),
      });
      functions.set(job.handler, fn);
      // A one-off task (no `everyMinutes`) has no schedule: an operator invokes it.
      if (job.everyMinutes === undefined) continue;
      const schedule = new Rule(this, `${job.handler}Schedule`, {
        description: `Runs ${job.handler} every ${job.everyMinutes} minute(s)`,
        schedule: Schedule.rate(Duration.minutes(job.everyMinutes)),
        targets: [new LambdaFunction(fn)],
      });
      schedules.set(job.handler, schedule);
    }
    this.functions = functions;
    this.schedules = schedules;
  }
}
