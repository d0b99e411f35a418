import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/EventBridgePublisher';
import type { QueueSpec } from '../../shared/routeTable';
import { type SharedResources, ServiceFunction } from './ServiceFunction';

/** Props of {@link Queues}. */
export interface QueuesProps {
  /** The queue consumers of the route table: one rule, queue, DLQ, function and mapping per entry. */
  readonly queues: readonly QueueSpec[];
  /** The resources the consumers' `uses` refer to, and the bus the rules listen on. */
  readonly resources: SharedResources;
  /** Settings every function gets. */
  readonly environment: Readonly<Record<string, string>>;
  /** Prefix of the alarms' names (the stage's stack name). */
  readonly alarmNamePrefix: string;
  /** Where the alarms are created: the monitoring stack, which holds the alarm topic (see `Streams`). */
  readonly alarmScope: Construct;
}

/** Maximum run time of a consumer: a batch's deliveries run side by side, each within the transport's 10 s (`DELIVERY_TIMEOUT_MS`). */
export const QUEUE_CONSUMER_TIMEOUT = Duration.seconds(60);
/** AWS's advice for a Lambda SQS event source: a visibility timeout of at least 6× the function's timeout. */
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(QUEUE_CONSUMER_TIMEOUT.toSeconds() * 6);
/** Messages per invocation: SQS's standard-queue batch of 10 needs no batching window. */
export const QUEUE_BATCH_SIZE = 10;
/** Receives of one message (each failed: the consumer threw on it) before SQS moves it to the DLQ. */
export const QUEUE_MAX_RECEIVE_COUNT = 5;
/**
 * The age of the oldest message that alarms. A queued retry waits at most 900 s (SQS's `DelaySeconds`
 * limit) before it becomes visible; twice that means the consumer is not keeping up.
 */
export const QUEUE_OLDEST_MESSAGE_ALARM = Duration.minutes(30);

/**
 * Queues fed by the domain event bus (issue 33): per entry of the route table's `queues`, an
 * EventBridge rule on the bus matching the entry's event types → an SQS queue (SQS-managed
 * encryption, which EventBridge can send to without a key policy; TLS only) with a dead-letter queue
 * after {@link QUEUE_MAX_RECEIVE_COUNT} receives → an event source mapping that reports failed
 * messages alone. The consumer may send to its own queue (retries with a delay). Alarms: the DLQ
 * holds a message, the oldest message is too old.
 *
 * @example
 * const queues = new Queues(this, 'Queues', { queues, resources, environment, alarmNamePrefix, alarmScope });
 */
export class Queues extends Construct {
  /** The functions by handler name. */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The queues by handler name. */
  public readonly queues: ReadonlyMap<string, Queue>;
  /** The dead-letter queues by handler name. */
  public readonly deadLetterQueues: ReadonlyMap<string, Queue>;
  /** The alarms: DLQ depth and oldest message age, per consumer. */
  public readonly alarms: readonly Alarm[];

  public constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    const queues = new Map<string, Queue>();
    const deadLetterQueues = new Map<string, Queue>();
    const alarms: Alarm[] = [];
    for (const spec of props.queues) {
      const deadLetters = new Queue(this, `${spec.handler}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter queue of the ${spec.handler} queue; nothing consumes it but an operator.`,
      });
      const queue = new Queue(this, `${spec.handler}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: QUEUE_MAX_RECEIVE_COUNT },
      });
      const service = new ServiceFunction(this, spec.handler, {
        handler: spec.handler,
        uses: spec.uses,
        resources: props.resources,
        environment: { ...props.environment, [spec.queueUrlVariable]: queue.queueUrl },
        timeout: QUEUE_CONSUMER_TIMEOUT,
      });
      // Explicit grants to the role: grants through the function are dropped (`ServiceFunction`).
      queue.grantConsumeMessages(service.role);
      queue.grantSendMessages(service.role);
      const mapping = new EventSourceMapping(this, `${spec.handler}Mapping`, {
        target: service.function,
        eventSourceArn: queue.queueArn,
        batchSize: QUEUE_BATCH_SIZE,
        reportBatchItemFailures: true,
      });
      // Lambda checks the role's queue permissions when it creates the mapping: the grants first.
      mapping.node.addDependency(service.role);
      // `SqsQueue` adds the queue policy that lets events.amazonaws.com send from this rule alone.
      new Rule(this, `${spec.handler}Rule`, {
        eventBus: props.resources.eventBus,
        description: `Domain events for ${spec.handler}`,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...spec.eventTypes] },
        targets: [new SqsQueue(queue)],
      });
      alarms.push(
        new Alarm(props.alarmScope, `Queue${spec.handler}DeadLetters`, {
          alarmName: `${props.alarmNamePrefix}-Queue-${spec.handler}-DeadLetters`,
          actionsEnabled: true,
          alarmDescription: `${spec.handler} gave up on messages: its dead-letter queue holds some (docs/operations.md)`,
          metric: deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        new Alarm(props.alarmScope, `Queue${spec.handler}OldestMessage`, {
          alarmName: `${props.alarmNamePrefix}-Queue-${spec.handler}-OldestMessage`,
          actionsEnabled: true,
          alarmDescription: `${spec.handler} is behind: a message has waited more than ${QUEUE_OLDEST_MESSAGE_ALARM.toHumanString()} (docs/operations.md)`,
          metric: queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(5) }),
          threshold: QUEUE_OLDEST_MESSAGE_ALARM.toSeconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      functions.set(spec.handler, service.function);
      queues.set(spec.handler, queue);
      deadLetterQueues.set(spec.handler, deadLetters);
    }
    this.functions = functions;
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
    this.alarms = alarms;
  }
}
