import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { type CustomThreshold, DefaultDashboardFactory, MonitoringFacade, SnsAlarmActionStrategy } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { JOB_METRICS } from '../../shared/observability/scheduledJob';
import { SIGN_IN_METRICS } from '../../shared/observability/signInTrigger';
import { createAlarmTopic } from './alarmTopic';
import { CONFIGURATION_SET_DIMENSION } from './Mailer';

/** A function to watch, with the name its alarms carry. */
export interface MonitoredFunction {
  /** Short name in alarm names and on the dashboard, e.g. `Api-getClient`. */
  readonly name: string;
  readonly function: LambdaFunction;
  /**
   * Set for a function that answers "no" by throwing (a Cognito trigger refusing a blocked
   * account): its Lambda Errors include refusals, so it alarms on its own `SignInErrors` metric
   * instead (EMF, dimension `service` = this name), which counts failures and never refusals.
   */
  readonly signInTrigger?: string;
}

/** A scheduled job to watch: its metrics and its dead-letter queue. */
export interface MonitoredJob {
  /** The job's handler name (the `job` dimension of its metrics). */
  readonly name: string;
  /** How often it runs. */
  readonly interval: Duration;
  /** Runs that were not delivered or that failed. */
  readonly deadLetterQueue: IQueue;
  /** The job's function, whose failed runs Lambda delivers to the dead-letter queue. */
  readonly function: IFunction;
}

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /** Prefix of alarm and dashboard names, e.g. `Partnerdesk-prod`. */
  readonly namePrefix: string;
  /** Where alarm notifications are mailed; no subscription when absent. */
  readonly alarmEmail?: string;
  /** Every Lambda function of the stack. */
  readonly functions: readonly MonitoredFunction[];
  /** The HTTP API. */
  readonly httpApi: IHttpApi;
  /** Every DynamoDB table of the stack, by name. */
  readonly tables: ReadonlyMap<string, ITable>;
  /** Name of the SES configuration set whose events reach CloudWatch (`Mailer`). */
  readonly configurationSetName: string;
  /** The scheduled jobs. */
  readonly jobs: readonly MonitoredJob[];
  /** CloudWatch namespace of the job and sign-in metrics (`POWERTOOLS_METRICS_NAMESPACE` of the functions). */
  readonly jobMetricsNamespace: string;
  /** The account's SES sending quota (mails per 24 hours), for the quota alarm. */
  readonly sesDailySendingQuota: number;
  /**
   * Where the dashboard is created (a nested stack of its own): its body grows with every function
   * and is most of a template's size, CloudFormation's limit being 1 MB. Default: beside the alarms.
   */
  readonly dashboardScope?: Construct;
}

/** Where an operator who got an alarm reads what to do (named in every alarm's description). */
const RUNBOOK = 'docs/operations.md, section "Runbook"';

/** A function's longest run that still counts as healthy, as a share of its timeout. */
const DURATION_SHARE_OF_TIMEOUT_PERCENT = 80;
/** Share of API requests answered 5xx that pages someone (2 of 3 five-minute periods). */
const API_5XX_RATE = 0.05;
/**
 * Sign-in errors (not refusals) in 2 of 3 five-minute periods page someone: at night ≈ 5 sign-ins in
 * five minutes, so a sustained 20 % failure shows as ≥ 1 error per period; one transient error does not page.
 */
const SIGN_IN_ERROR_PERIODS = { datapointsToAlarm: 2, evaluationPeriods: 3 } as const;
/** Share of the SES daily quota whose use in a day pages someone, before SES starts refusing mail. */
const SES_QUOTA_SHARE = 0.8;
/** API latency p99 that pages someone (3 five-minute periods in a row). */
const API_LATENCY_P99 = Duration.seconds(3);
/** SES reviews an account from a 5 % bounce or 0.1 % complaint rate; the alarms fire there. */
const SES_BOUNCE_RATE = 0.05;
const SES_COMPLAINT_RATE = 0.001;
/** Sends in an hour below which the configuration set's own rates are not judged (a single bounce of 3 mails is not a trend). */
const SES_MIN_SENDS_PER_HOUR = 20;
/** Runs of a job in a row with failed attempts before the failure alarm fires. */
const JOB_FAILED_RUNS = 3;
/** Intervals the oldest due item of a job may wait before the age alarm fires. */
const JOB_AGE_INTERVALS = 4;

/**
 * Alarms and the one dashboard of the service (cdk-monitoring-constructs), notifying an SNS
 * topic (TLS only, encrypted with its own KMS key) when they fire and when they recover, with an
 * optional e-mail subscription:
 * - every function: errors (for a sign-in trigger its `SignInErrors`, never its refusals),
 *   throttles, a run longer than 80 % of its timeout;
 * - the API: 5xx rate, latency p99;
 * - every table: read and write throttles, system errors;
 * - SES: bounce and complaint rates of the configuration set's events, and the account's
 *   reputation (the rates SES itself reviews);
 * - every job: failed attempts in consecutive runs, the age of its oldest due item, any message in
 *   its dead-letter queue, and any failed run Lambda could not deliver to that queue;
 * - SES: the day's sends against the account's sending quota.
 *
 * @example
 * new Monitoring(this, 'Monitoring', { namePrefix: 'Partnerdesk-prod', functions, httpApi, tables, configurationSetName, jobs, jobMetricsNamespace });
 */
export class Monitoring extends Construct {
  /** The topic every alarm notifies. */
  public readonly alarmTopic: Topic;
  /** The monitoring facade (its alarms, its dashboard). */
  public readonly facade: MonitoringFacade;

  public constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = createAlarmTopic(this, props.namePrefix, props.alarmEmail);

    this.facade = new MonitoringFacade(this, 'Facade', {
      alarmFactoryDefaults: {
        alarmNamePrefix: props.namePrefix,
        actionsEnabled: true,
        // Recoveries are mailed too: whoever was paged learns when it is over.
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.alarmTopic, onOkTopic: this.alarmTopic }),
        datapointsToAlarm: 1,
        runbookLink: RUNBOOK,
      },
      metricFactoryDefaults: {},
      dashboardFactory: new DefaultDashboardFactory(props.dashboardScope ?? this, 'Dashboards', {
        dashboardNamePrefix: props.namePrefix,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
      }),
    });

    this.monitorApi(props.httpApi);
    this.monitorFunctions(props.functions, props.jobMetricsNamespace);
    this.monitorTables(props.tables);
    this.monitorMail(props.configurationSetName, props.sesDailySendingQuota);
    this.monitorJobs(props.jobs, props.jobMetricsNamespace);
  }

  private monitorApi(httpApi: IHttpApi): void {
    this.facade.addLargeHeader('API').monitorApiGatewayV2HttpApi({
      api: httpApi,
      alarmFriendlyName: 'Api',
      add5xxRateAlarm: { Critical: { maxErrorRate: API_5XX_RATE, datapointsToAlarm: 2, evaluationPeriods: 3 } },
      addLatencyP99Alarm: { Critical: { maxLatency: API_LATENCY_P99, datapointsToAlarm: 3, evaluationPeriods: 3 } },
    });
  }

  private monitorFunctions(functions: readonly MonitoredFunction[], namespace: string): void {
    this.facade.addLargeHeader('Functions');
    for (const { name, function: fn, signInTrigger } of functions) {
      this.facade.monitorLambdaFunction({
        lambdaFunction: fn,
        alarmFriendlyName: name,
        humanReadableName: name,
        ...(signInTrigger ? {} : { addFaultCountAlarm: { Critical: { maxErrorCount: 0 } } }),
        addThrottlesCountAlarm: { Critical: { maxErrorCount: 0 } },
        addMaxLatencyAlarm: { Critical: { maxLatencyPercentageOfTimeout: DURATION_SHARE_OF_TIMEOUT_PERCENT } },
      });
      if (signInTrigger) this.monitorSignInErrors(name, signInTrigger, namespace);
    }
  }

  /** A sign-in trigger's failures (its refusals of blocked accounts are not failures). */
  private monitorSignInErrors(name: string, service: string, namespace: string): void {
    this.facade.monitorCustom({
      alarmFriendlyName: `${name}-SignIn`,
      humanReadableName: `${name} sign-in errors`,
      metricGroups: [{
        title: 'Sign-in errors (refusals excluded)',
        metrics: [{
          metric: new Metric({ namespace, metricName: SIGN_IN_METRICS.errors, dimensionsMap: { service }, statistic: 'Sum', period: Duration.minutes(5) }),
          alarmFriendlyName: 'Errors',
          addAlarm: {
            Critical: {
              threshold: 0,
              comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
              ...SIGN_IN_ERROR_PERIODS,
              treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
            },
          },
        }],
      }],
    });
  }

  private monitorTables(tables: ReadonlyMap<string, ITable>): void {
    this.facade.addLargeHeader('Tables');
    for (const [name, table] of tables) {
      this.facade.monitorDynamoTable({
        table,
        alarmFriendlyName: `Table-${name}`,
        humanReadableName: name,
        addReadThrottledEventsCountAlarm: { Critical: { maxThrottledEventsThreshold: 0 } },
        addWriteThrottledEventsCountAlarm: { Critical: { maxThrottledEventsThreshold: 0 } },
        addSystemErrorCountAlarm: { Critical: { maxErrorCount: 0 } },
      });
    }
  }

  private monitorMail(configurationSetName: string, dailyQuota: number): void {
    const hourly = (metricName: string, dimensionsMap?: Record<string, string>): Metric =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap, statistic: 'Sum', period: Duration.hours(1) });
    const events = { [CONFIGURATION_SET_DIMENSION]: configurationSetName };
    // One graph holds both rates: each event metric needs its own id in it.
    const rateOf = (eventName: 'Bounce' | 'Complaint', label: string): MathExpression => {
      const id = eventName.toLowerCase();
      return new MathExpression({
        expression: `IF(sends >= ${SES_MIN_SENDS_PER_HOUR}, ${id} / sends, 0)`,
        usingMetrics: { sends: hourly('Send', events), [id]: hourly(eventName, events) },
        label,
        period: Duration.hours(1),
      });
    };
    const reputation = (metricName: string): Metric =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    const above = (threshold: number): Record<string, CustomThreshold> => ({
      Critical: { threshold, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingDataOverride: TreatMissingData.NOT_BREACHING },
    });
    this.facade.addLargeHeader('Mail').monitorCustom({
      alarmFriendlyName: 'Mail',
      humanReadableName: 'Mail (SES)',
      metricGroups: [
        {
          title: 'Bounce and complaint rates of partnerdesk mail (configuration set events)',
          metrics: [
            { metric: rateOf('Bounce', 'bounce rate'), alarmFriendlyName: 'BounceRate', addAlarm: above(SES_BOUNCE_RATE) },
            { metric: rateOf('Complaint', 'complaint rate'), alarmFriendlyName: 'ComplaintRate', addAlarm: above(SES_COMPLAINT_RATE) },
          ],
        },
        {
          title: 'Mails sent by the account today, against its SES sending quota',
          metrics: [{
            // Account-wide (no dimension): Cognito's mail and every other sender count against the same quota.
            metric: new Metric({ namespace: 'AWS/SES', metricName: 'Send', statistic: 'Sum', period: Duration.days(1) }),
            alarmFriendlyName: 'SendingQuota',
            addAlarm: above(Math.floor(dailyQuota * SES_QUOTA_SHARE)),
          }],
        },
        {
          title: 'Sending reputation of the account (what SES reviews)',
          metrics: [
            { metric: reputation('Reputation.BounceRate'), alarmFriendlyName: 'ReputationBounceRate', addAlarm: above(SES_BOUNCE_RATE) },
            { metric: reputation('Reputation.ComplaintRate'), alarmFriendlyName: 'ReputationComplaintRate', addAlarm: above(SES_COMPLAINT_RATE) },
          ],
        },
      ],
    });
  }

  private monitorJobs(jobs: readonly MonitoredJob[], namespace: string): void {
    this.facade.addLargeHeader('Jobs');
    for (const job of jobs) {
      const metric = (metricName: string, statistic: string): Metric =>
        new Metric({ namespace, metricName, dimensionsMap: { service: 'partnerdesk', job: job.name }, statistic, period: job.interval });
      this.facade.monitorCustom({
        alarmFriendlyName: `Job-${job.name}`,
        humanReadableName: `Job ${job.name}`,
        metricGroups: [
          { title: 'Processed', metrics: [metric(JOB_METRICS.processed, 'Sum')] },
          {
            title: 'Failed attempts',
            metrics: [{
              metric: metric(JOB_METRICS.failed, 'Sum'),
              alarmFriendlyName: 'Failed',
              addAlarm: {
                Critical: {
                  threshold: 0,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  datapointsToAlarm: JOB_FAILED_RUNS,
                  evaluationPeriods: JOB_FAILED_RUNS,
                  treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
                },
              },
            }],
          },
          {
            title: 'Oldest overdue age (seconds)',
            metrics: [{
              metric: metric(JOB_METRICS.oldestOverdueAge, 'Maximum'),
              alarmFriendlyName: 'OldestOverdueAge',
              addAlarm: {
                Critical: {
                  threshold: job.interval.toSeconds() * JOB_AGE_INTERVALS,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
                },
              },
            }],
          },
        ],
      });
      this.facade.monitorSqsQueue({
        queue: job.deadLetterQueue,
        alarmFriendlyName: `Job-${job.name}-DeadLetters`,
        humanReadableName: `${job.name} dead letters`,
        addQueueMaxSizeAlarm: { Critical: { maxMessageCount: 0 } },
      });
      // A failed run that Lambda could not put in the queue (permissions, a deleted queue) is otherwise lost silently.
      this.facade.monitorCustom({
        alarmFriendlyName: `Job-${job.name}-Destination`,
        humanReadableName: `${job.name} failed runs not delivered`,
        metricGroups: [{
          title: 'Failed runs Lambda could not deliver to the dead-letter queue',
          metrics: [{
            metric: new Metric({
              namespace: 'AWS/Lambda',
              metricName: 'DestinationDeliveryFailures',
              dimensionsMap: { FunctionName: job.function.functionName },
              statistic: 'Sum',
              period: Duration.minutes(5),
            }),
            alarmFriendlyName: 'DeliveryFailures',
            addAlarm: {
              Critical: {
                threshold: 0,
                comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
              },
            },
          }],
        }],
      });
    }
  }
}
