import { Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { createAlarmTopic } from './constructs/alarmTopic';
import { SERVICE_NAME } from './PartnerdeskStack';
import type { Stage } from './StagePolicy';

/** CloudFront publishes its metrics in us-east-1 only, and an alarm reads metrics of its own region only. */
export const EDGE_REGION = 'us-east-1';

/** Share of the console's requests answered 5xx that pages someone (2 of 3 five-minute periods). */
const CONSOLE_5XX_RATE_PERCENT = 5;

/** Props of {@link PartnerdeskEdgeStack}. */
export interface PartnerdeskEdgeStackProps extends StackProps {
  readonly stage: Stage;
  /** The console distribution's id (output `ConsoleDistributionId` of the main stack). */
  readonly distributionId: string;
  /** Prefix of the alarm's name, e.g. `Partnerdesk-prod`. */
  readonly namePrefix: string;
  /** Where the alarm is mailed; no subscription when absent. */
  readonly alarmEmail?: string;
}

/**
 * The console distribution's 5xx-rate alarm, in us-east-1 where CloudFront's metrics are
 * (`Partnerdesk-<stage>-edge`), with an encrypted topic of its own. Deployed after the main stack,
 * with the distribution's id from its output (docs/deploy.md).
 *
 * @example
 * new PartnerdeskEdgeStack(app, 'Partnerdesk-prod-edge', { env: { region: EDGE_REGION }, stage: 'prod', distributionId, namePrefix: 'Partnerdesk-prod' });
 */
export class PartnerdeskEdgeStack extends Stack {
  public readonly alarmTopic: Topic;
  public readonly consoleErrors: Alarm;

  public constructor(scope: Construct, id: string, props: PartnerdeskEdgeStackProps) {
    super(scope, id, props);
    Tags.of(this).add('service', SERVICE_NAME);
    Tags.of(this).add('stage', props.stage);
    this.alarmTopic = createAlarmTopic(this, `${props.namePrefix}-edge`, props.alarmEmail);
    this.consoleErrors = new Alarm(this, 'Console5xxRate', {
      alarmName: `${props.namePrefix}-Console-5xxErrorRate`,
      alarmDescription: 'The web console distribution answers 5xx (S3 origin, CloudFront function). Runbook: docs/operations.md, section "Runbook"',
      metric: new Metric({
        namespace: 'AWS/CloudFront',
        metricName: '5xxErrorRate',
        dimensionsMap: { DistributionId: props.distributionId, Region: 'Global' },
        statistic: 'Average',
        period: Duration.minutes(5),
      }),
      threshold: CONSOLE_5XX_RATE_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.consoleErrors.addAlarmAction(new SnsAction(this.alarmTopic));
    this.consoleErrors.addOkAction(new SnsAction(this.alarmTopic));
  }
}

/** The edge stack's name for a main stack, e.g. `Partnerdesk-prod-edge`. */
export function edgeStackName(mainStackName: string): string {
  return `${mainStackName}-edge`;
}
