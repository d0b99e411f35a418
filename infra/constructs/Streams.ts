import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { StreamSpec } from '../../shared/routeTable';
import { type SharedResources, ServiceFunction } from './ServiceFunction';

/** Props of {@link Streams}. */
export interface StreamsProps {
  /** The stream consumers of the route table: one function and one event source mapping per entry. */
  readonly streams: readonly StreamSpec[];
  /** The resources the consumers' `uses` refer to (their tables carry the streams). */
  readonly resources: SharedResources;
  /** Settings every function gets. */
  readonly environment: Readonly<Record<string, string>>;
  /** Prefix of the alarms' names (the stage's stack name), as monitoring names its own. */
  readonly alarmNamePrefix: string;
  /**
   * Where the alarms are created: the monitoring stack, which holds the alarm topic (an alarm here,
   * in the jobs' stack, acting on that topic would make the two nested stacks depend on each other,
   * a cycle CloudFormation refuses).
   */
  readonly alarmScope: Construct;
}

/** What the event source mapping reads of a stream, granted on that stream alone (DynamoDB developer guide, "IAM policy to allow a Lambda function to access DynamoDB stream records"). */
const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

/** Records per invocation: a bulk of 500 clients reaches the consumer in 5 batches. */
export const STREAM_BATCH_SIZE = 100;
/** How often a failing batch is retried (bisected each time) before its records go to the failure destination. */
export const STREAM_RETRY_ATTEMPTS = 5;
/** A record older than this is not retried any more (DynamoDB Streams keeps records 24 h). */
export const STREAM_MAX_RECORD_AGE = Duration.hours(6);
/** Maximum run time of a consumer: a batch of 100 changes is a few batched reads and writes. */
export const STREAM_TIMEOUT = Duration.seconds(60);
/** The iterator age (how far behind the newest change the consumer is) that alarms: search and counts lag by a minute. */
export const STREAM_ITERATOR_AGE_ALARM = Duration.minutes(1);

/**
 * Consumers of the tables' change streams (DynamoDB Streams): one Lambda function per entry of the
 * route table's `streams`, read by an event source mapping that batches, bisects a failing batch
 * and retries it, and sends what still fails to a failure destination (an SQS queue, encrypted, TLS
 * only, 14 days). The function's role is granted the stream and the queue explicitly: grants through
 * the function are dropped (`ServiceFunction`). Each consumer gets an alarm on its iterator age and
 * one on its failure queue (`alarms`, wired to the alarm topic by the stack).
 *
 * @example
 * const streams = new Streams(this, 'Streams', { streams, resources, environment });
 */
export class Streams extends Construct {
  /** The functions by handler name. */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The event source mappings by handler name. */
  public readonly mappings: ReadonlyMap<string, EventSourceMapping>;
  /** The failure destinations by handler name: records the consumer could not handle. */
  public readonly failureQueues: ReadonlyMap<string, Queue>;
  /** The alarms: iterator age and failed records, per consumer. */
  public readonly alarms: readonly Alarm[];

  public constructor(scope: Construct, id: string, props: StreamsProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    const mappings = new Map<string, EventSourceMapping>();
    const failureQueues = new Map<string, Queue>();
    const alarms: Alarm[] = [];
    for (const spec of props.streams) {
      const table = props.resources.tables.table(spec.table);
      const service = new ServiceFunction(this, spec.handler, {
        handler: spec.handler,
        uses: spec.uses,
        resources: props.resources,
        environment: props.environment,
        timeout: STREAM_TIMEOUT,
      });
      const failures = new Queue(this, `${spec.handler}Failures`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(failures).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the failure destination of the ${spec.handler} stream consumer; nothing consumes it but an operator.`,
      });
      // Explicit grants to the role: the mapping's own grants go through the function, which drops them.
      service.role.addToPrincipalPolicy(new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [table.tableStreamArn ?? ''] }));
      failures.grantSendMessages(service.role);
      const mapping = new EventSourceMapping(this, `${spec.handler}Mapping`, {
        target: service.function,
        eventSourceArn: table.tableStreamArn,
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: STREAM_BATCH_SIZE,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: STREAM_MAX_RECORD_AGE,
        onFailure: new SqsDlq(failures),
        ...(spec.sortKeyPrefix && {
          filters: [FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.beginsWith(spec.sortKeyPrefix) } } } })],
        }),
      });
      // Lambda checks the role's stream permissions when it creates the mapping: the grants first.
      mapping.node.addDependency(service.role);
      alarms.push(
        new Alarm(props.alarmScope, `Stream${spec.handler}IteratorAge`, {
          alarmName: `${props.alarmNamePrefix}-Stream-${spec.handler}-IteratorAge`,
          actionsEnabled: true,
          alarmDescription: `${spec.handler} is more than ${STREAM_ITERATOR_AGE_ALARM.toHumanString()} behind the ${spec.table} table's changes (docs/operations.md)`,
          metric: service.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
          threshold: STREAM_ITERATOR_AGE_ALARM.toMilliseconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        new Alarm(props.alarmScope, `Stream${spec.handler}FailedRecords`, {
          alarmName: `${props.alarmNamePrefix}-Stream-${spec.handler}-FailedRecords`,
          actionsEnabled: true,
          alarmDescription: `${spec.handler} gave up on changes of the ${spec.table} table (its failure queue; docs/operations.md)`,
          metric: failures.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      functions.set(spec.handler, service.function);
      mappings.set(spec.handler, mapping);
      failureQueues.set(spec.handler, failures);
    }
    this.functions = functions;
    this.mappings = mappings;
    this.failureQueues = failureQueues;
    this.alarms = alarms;
  }
}
