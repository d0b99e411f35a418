import * as fs from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { jobs, triggers } from '../../shared/routeTable';
import { PartnerdeskEdgeStack } from '../../infra/PartnerdeskEdgeStack';
import { PartnerdeskMailStack } from '../../infra/PartnerdeskMailStack';
import { type PartnerdeskSettings, PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { flattenedResources, logicalId, type TemplateResource } from './logicalId';
import { builtConsoleFixture, stackEnv, stackSettings } from './stackSettings';

/** One metric an alarm reads, from either alarm form (plain metric or metric queries). */
interface AlarmMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, unknown>;
  readonly stat: string;
}

/** Synthesizes the stack without bundling the handlers (the assertions read the template, not the code). */
function synth(settings: PartnerdeskSettings): { stack: PartnerdeskStack; resources: Record<string, TemplateResource> } {
  const consoleAssetDir = builtConsoleFixture();
  try {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PartnerdeskStack(app, 'PartnerdeskOps', { env: stackEnv, settings, consoleAssetDir });
    return { stack, resources: flattenedResources(stack) };
  } finally {
    fs.rmSync(consoleAssetDir, { recursive: true, force: true });
  }
}

function ofType(resources: Record<string, TemplateResource>, type: string): Array<[string, TemplateResource]> {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function dimensionsOf(list: ReadonlyArray<{ Name: string; Value: unknown }> = []): Record<string, unknown> {
  return Object.fromEntries(list.map((dimension) => [dimension.Name, dimension.Value]));
}

function metricsOf(alarm: TemplateResource): AlarmMetric[] {
  const p = alarm.Properties;
  if (p.MetricName) return [{ namespace: p.Namespace, metricName: p.MetricName, dimensions: dimensionsOf(p.Dimensions), stat: p.Statistic }];
  return (p.Metrics ?? []).flatMap((query: any) => // eslint-disable-line @typescript-eslint/no-explicit-any -- template JSON
    query.MetricStat
      ? [{
          namespace: query.MetricStat.Metric.Namespace,
          metricName: query.MetricStat.Metric.MetricName,
          dimensions: dimensionsOf(query.MetricStat.Metric.Dimensions),
          stat: query.MetricStat.Stat,
        }]
      : [],
  );
}

/** How the tables and both user pools go with the stack: their deletion policy and deletion protection. */
function expectStatefulResources(
  resources: Record<string, TemplateResource>,
  expected: { deletionPolicy: 'Retain' | 'Delete'; protectedFromDeletion: boolean },
): void {
  for (const [, table] of ofType(resources, 'AWS::DynamoDB::Table')) {
    expect(table.DeletionPolicy).toBe(expected.deletionPolicy);
    expect(table.Properties.DeletionProtectionEnabled).toBe(expected.protectedFromDeletion);
  }
  const pools = ofType(resources, 'AWS::Cognito::UserPool');
  expect(pools).toHaveLength(2);
  for (const [, pool] of pools) {
    expect(pool.DeletionPolicy).toBe(expected.deletionPolicy);
    expect(pool.Properties.DeletionProtection).toBe(expected.protectedFromDeletion ? 'ACTIVE' : 'INACTIVE');
  }
}

describe('operations in prod', () => {
  const { stack, resources } = synth(stackSettings);
  const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
  const logicalIdOf = (construct: IConstruct): string => logicalId(construct);
  const topic = { Ref: logicalIdOf(stack.monitoring.alarmTopic) };

  /** The alarms that read `metricName` of `namespace` with these dimensions (among others). */
  function alarmsOn(namespace: string, metricName: string, dimensions: Record<string, unknown>): TemplateResource[] {
    return alarms.filter((alarm) =>
      metricsOf(alarm).some((metric) =>
        metric.namespace === namespace &&
        metric.metricName === metricName &&
        Object.entries(dimensions).every(([name, value]) => JSON.stringify(metric.dimensions[name]) === JSON.stringify(value)),
      ),
    );
  }

  function oneAlarmOn(namespace: string, metricName: string, dimensions: Record<string, unknown>): TemplateResource['Properties'] {
    const found = alarmsOn(namespace, metricName, dimensions);
    expect(found).toHaveLength(1);
    return found[0]?.Properties ?? {};
  }

  it('notifies the alarm topic from every alarm when it fires and when it recovers, and mails the configured address', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties).toMatchObject({ ActionsEnabled: true, AlarmActions: [topic], OKActions: [topic] });
    expect(ofType(resources, 'AWS::SNS::Subscription').map(([, subscription]) => subscription.Properties)).toEqual([
      { Protocol: 'email', Endpoint: stackSettings.alarmEmail, TopicArn: topic },
    ]);
  });

  it('encrypts the alarm topic with a rotated key of its own that CloudWatch may use (the AWS managed SNS key lets no alarm publish)', () => {
    const [[, topicResource] = ['', undefined]] = ofType(resources, 'AWS::SNS::Topic');
    const keyId = topicResource?.Properties.KmsMasterKeyId?.['Fn::GetAtt']?.[0] as string;
    const key = resources[keyId];
    expect(key?.Type).toBe('AWS::KMS::Key');
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    expect(key?.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    }));
  });

  it('accepts only TLS publishers on the alarm topic', () => {
    const [[, policy] = ['', undefined]] = ofType(resources, 'AWS::SNS::TopicPolicy');
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('has one dashboard for the whole service, named after the stage', () => {
    const dashboards = ofType(resources, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.[1].Properties.DashboardName).toMatch(/^Partnerdesk-prod/);
  });

  describe('functions', () => {
    const functions = ofType(resources, 'AWS::Lambda::Function');

    it('watches every Lambda function of the stack, found rather than listed (routes, jobs, sign-in triggers, the console upload)', () => {
      const ours = [...stack.api.functions.values(), ...stack.jobs.functions.values(), ...stack.consoleUsers.functions.values()];
      expect(stack.consoleUsers.functions.size).toBeGreaterThan(0);
      expect(ours.map((fn) => logicalIdOf(fn)).filter((id) => !functions.some(([found]) => found === id))).toEqual([]);
      // Constructs of CDK itself (the console's BucketDeployment) bring functions of their own: watched as well, below.
      expect(functions.length).toBeGreaterThan(ours.length);
    });

    const triggerIds = new Set([...stack.consoleUsers.functions.values()].map((fn) => logicalIdOf(fn)));

    it.each(functions.map(([id, fn]) => [id, fn.Properties.Timeout as number]))(
      'alarms on errors, throttles and a run over 80 %% of the timeout of %s',
      (id, timeoutSeconds) => {
        const fn = { FunctionName: { Ref: id } };
        if (triggerIds.has(id)) {
          // A sign-in trigger refuses a blocked account by throwing: its Lambda Errors count refusals, so none pages.
          expect(alarmsOn('AWS/Lambda', 'Errors', fn)).toEqual([]);
        } else {
          expect(oneAlarmOn('AWS/Lambda', 'Errors', fn)).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        }
        expect(oneAlarmOn('AWS/Lambda', 'Throttles', fn)).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        const duration = oneAlarmOn('AWS/Lambda', 'Duration', fn);
        expect(duration).toMatchObject({ Threshold: timeoutSeconds * 1000 * 0.8, ComparisonOperator: 'GreaterThanThreshold' });
        expect(metricsOf({ Type: 'AWS::CloudWatch::Alarm', Properties: duration })[0]?.stat).toBe('Maximum');
      },
    );
  });

  it.each(triggers.map((trigger) => trigger.handler))('alarms on sign-in errors of %s alone (never its refusals), from errors in 2 of 3 five-minute periods', (handler) => {
    const errors = oneAlarmOn('partnerdesk/prod', 'SignInErrors', { service: handler });
    expect(errors).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', DatapointsToAlarm: 2, EvaluationPeriods: 3, Period: 300 });
    expect(alarmsOn('partnerdesk/prod', 'SignInRefusals', {})).toEqual([]);
    const fn = stack.consoleUsers.functions.get(handler);
    expect(resources[logicalIdOf(fn ?? stack)]?.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('partnerdesk/prod');
  });

  it('alarms on the API 5xx rate and its latency p99', () => {
    const api = { ApiId: { Ref: logicalIdOf(stack.api.httpApi) } };
    const errors = oneAlarmOn('AWS/ApiGateway', '5xx', api);
    expect(errors).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricsOf({ Type: '', Properties: errors })[0]?.stat).toBe('Average');
    const latency = oneAlarmOn('AWS/ApiGateway', 'Latency', api);
    expect(metricsOf({ Type: '', Properties: latency })[0]?.stat).toBe('p99');
    expect(latency.Threshold).toBe(3000);
  });

  it.each([...stack.tables.byName.keys()])('alarms on read and write throttles and system errors of table %s', (name) => {
    const table = { TableName: { Ref: logicalIdOf(stack.tables.table(name)) } };
    expect(oneAlarmOn('AWS/DynamoDB', 'ReadThrottleEvents', table).Threshold).toBe(0);
    expect(oneAlarmOn('AWS/DynamoDB', 'WriteThrottleEvents', table).Threshold).toBe(0);
    const systemErrors = oneAlarmOn('AWS/DynamoDB', 'SystemErrors', table);
    expect(systemErrors.Threshold).toBe(0);
    expect(metricsOf({ Type: '', Properties: systemErrors }).map((metric) => metric.dimensions.Operation)).toEqual(
      expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchGetItem', 'BatchWriteItem']),
    );
  });

  describe('mail', () => {
    const configurationSet = stack.mailer.configurationSetName;
    const bySet = { 'ses:configuration-set': configurationSet };

    it('publishes sends, bounces and complaints of the mail stack\'s configuration set, named for this stack, to CloudWatch', () => {
      const mailStack = new PartnerdeskMailStack(new App(), 'PartnerdeskOps-mail', { env: stackEnv, stage: 'prod', senderEmail: stackSettings.senderEmail, mainStackName: stack.stackName });
      const mailResources = Template.fromStack(mailStack).toJSON().Resources as Record<string, TemplateResource>;
      expect(ofType(mailResources, 'AWS::SES::ConfigurationSet').map(([, set]) => set.Properties.Name)).toEqual([configurationSet]);
      const identities = ofType(mailResources, 'AWS::SES::EmailIdentity').map(([, identity]) => identity.Properties);
      expect(identities).toEqual([expect.objectContaining({ EmailIdentity: stackSettings.senderEmail })]);
      const destinations = ofType(mailResources, 'AWS::SES::ConfigurationSetEventDestination').map(([, destination]) => destination.Properties);
      expect(destinations).toEqual([{
        ConfigurationSetName: { Ref: logicalIdOf(mailStack.mailer.configurationSet) },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send', 'bounce', 'complaint'],
          CloudWatchDestination: {
            DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag', DefaultDimensionValue: configurationSet }],
          },
        },
      }]);
    });

    it('alarms on the bounce and complaint rates of those events from 5 % and 0.1 %', () => {
      expect(oneAlarmOn('AWS/SES', 'Bounce', bySet)).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(oneAlarmOn('AWS/SES', 'Complaint', bySet)).toMatchObject({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      for (const metricName of ['Bounce', 'Complaint']) {
        const rate = oneAlarmOn('AWS/SES', metricName, bySet);
        expect(metricsOf({ Type: '', Properties: rate }).map((metric) => metric.metricName).sort()).toEqual([metricName, 'Send'].sort());
      }
    });

    it('alarms when the day\'s mails of the whole account reach 80 % of its SES sending quota', () => {
      const accountWide = alarmsOn('AWS/SES', 'Send', {}).filter((alarm) => metricsOf(alarm).every((metric) => Object.keys(metric.dimensions).length === 0));
      expect(accountWide).toHaveLength(1);
      expect(accountWide[0]?.Properties).toMatchObject({ Threshold: 40_000, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Period: 86_400 });
    });

    it('alarms on the sending reputation SES reviews the account by', () => {
      expect(oneAlarmOn('AWS/SES', 'Reputation.BounceRate', {})).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(oneAlarmOn('AWS/SES', 'Reputation.ComplaintRate', {})).toMatchObject({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    });
  });

  const scheduledJobs = jobs.flatMap((job) => (job.everyMinutes === undefined ? [] : [{ handler: job.handler, everyMinutes: job.everyMinutes }]));

  it('watches every scheduled job', () => {
    expect(scheduledJobs.length).toBeGreaterThan(0);
    expect([...stack.jobs.deadLetterQueues.keys()].sort()).toEqual(scheduledJobs.map((job) => job.handler).sort());
  });

  describe.each(scheduledJobs)('job $handler', ({ handler, everyMinutes }) => {
    const queue = stack.jobs.deadLetterQueues.get(handler);
    if (!queue) throw new Error(`No dead-letter queue for ${handler}`);
    const queueArn = { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] };
    const fnId = logicalIdOf(stack.jobs.functions.get(handler) ?? queue);
    const interval = everyMinutes * 60;

    it('keeps undeliverable runs in an encrypted, TLS-only dead-letter queue after retries', () => {
      expect(resources[logicalIdOf(queue)]?.Properties.SqsManagedSseEnabled).toBe(true);
      const policies = ofType(resources, 'AWS::SQS::QueuePolicy').filter(([, policy]) => JSON.stringify(policy.Properties.Queues).includes(logicalIdOf(queue)));
      expect(policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const schedule = stack.jobs.schedules.get(handler);
      expect(resources[logicalIdOf(schedule ?? queue)]?.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: interval },
          DeadLetterConfig: { Arn: queueArn },
        }),
      ]);
    });

    it('sends a failed run to the same queue instead of retrying it (the next run is the retry)', () => {
      const configs = ofType(resources, 'AWS::Lambda::EventInvokeConfig').filter(([, config]) => JSON.stringify(config.Properties.FunctionName) === JSON.stringify({ Ref: fnId }));
      expect(configs.map(([, config]) => config.Properties)).toEqual([
        expect.objectContaining({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: interval, DestinationConfig: { OnFailure: { Destination: queueArn } } }),
      ]);
    });

    it('alarms on any failed run Lambda could not deliver to that queue', () => {
      expect(oneAlarmOn('AWS/Lambda', 'DestinationDeliveryFailures', { FunctionName: { Ref: fnId } })).toMatchObject({
        Threshold: 0, ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it('alarms as soon as its dead-letter queue holds a message', () => {
      const depth = oneAlarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] } });
      expect(depth).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    });

    it('alarms on failed attempts in three runs in a row and on due work older than four intervals, from its EMF metrics', () => {
      const job = { service: 'partnerdesk', job: handler };
      expect(oneAlarmOn('partnerdesk/prod', 'failed', job)).toMatchObject({
        Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', DatapointsToAlarm: 3, EvaluationPeriods: 3, Period: interval,
      });
      expect(oneAlarmOn('partnerdesk/prod', 'oldestOverdueAge', job)).toMatchObject({ Threshold: 4 * interval, ComparisonOperator: 'GreaterThanThreshold' });
      expect(resources[fnId]?.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('partnerdesk/prod');
    });
  });

  it('tags every taggable resource with the service and the stage', () => {
    const tagged = Object.values(resources).filter((resource) => resource.Properties.Tags !== undefined || resource.Properties.UserPoolTags !== undefined);
    for (const type of ['AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup', 'AWS::IAM::Role']) {
      expect(tagged.some((resource) => resource.Type === type)).toBe(true);
    }
    for (const resource of tagged) {
      const tags = resource.Properties.UserPoolTags ?? resource.Properties.Tags;
      const asMap = Array.isArray(tags) ? Object.fromEntries(tags.map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value])) : tags;
      expect(asMap).toMatchObject({ service: 'partnerdesk', stage: 'prod' });
    }
  });

  it('retains and deletion-protects the tables and both user pools', () => {
    expectStatefulResources(resources, { deletionPolicy: 'Retain', protectedFromDeletion: true });
  });

  it('watches staff sign-ins with threat protection in audit mode first (Plus plan); the console users\' pool is on Lite without it', () => {
    expect(resources[logicalIdOf(stack.auth.userPool)]?.Properties).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
    const consolePool = resources[logicalIdOf(stack.consoleUsers.userPool ?? stack)]?.Properties;
    expect(consolePool?.UserPoolTier).toBe('LITE');
    expect(consolePool?.UserPoolAddOns).toBeUndefined();
  });

  it('backs every table up with AWS Backup, daily and monthly', () => {
    const selections = ofType(resources, 'AWS::Backup::BackupSelection').map(([, selection]) => selection.Properties.BackupSelection);
    expect(selections).toHaveLength(1);
    const tableArns = [...stack.tables.byName.values()].map((table) => ({ 'Fn::GetAtt': [logicalIdOf(table), 'Arn'] }));
    expect(selections[0]?.Resources).toEqual(expect.arrayContaining(tableArns));
    expect(selections[0]?.Resources).toHaveLength(tableArns.length);
    const [[, plan] = ['', undefined]] = ofType(resources, 'AWS::Backup::BackupPlan');
    expect(plan?.Properties.BackupPlan.BackupPlanName).toBe('Partnerdesk-prod-tables');
    expect(plan?.Properties.BackupPlan.BackupPlanRule.map((rule: { RuleName: string }) => rule.RuleName)).toEqual(['Daily', 'Monthly1Year']);
  });

  it('keeps point-in-time recovery on every table besides the backups', () => {
    for (const [, table] of ofType(resources, 'AWS::DynamoDB::Table')) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });
});

describe('the console distribution\'s alarm (edge stack)', () => {
  it('alarms in us-east-1, where CloudFront\'s metrics are, on a 5xx rate above 5 % in 2 of 3 periods, to an encrypted topic, and on recovery', () => {
    const edge = new PartnerdeskEdgeStack(new App(), 'PartnerdeskOps-edge', {
      env: { region: 'us-east-1' }, stage: 'prod', distributionId: 'E2EXAMPLE0ABCD', namePrefix: 'Partnerdesk-prod', alarmEmail: stackSettings.alarmEmail,
    });
    const edgeResources = Template.fromStack(edge).toJSON().Resources as Record<string, TemplateResource>;
    const topic = { Ref: logicalId(edge.alarmTopic) };
    const [[, alarm] = ['', undefined]] = ofType(edgeResources, 'AWS::CloudWatch::Alarm');
    expect(alarm?.Properties).toMatchObject({
      Namespace: 'AWS/CloudFront', MetricName: '5xxErrorRate', Statistic: 'Average', Threshold: 5,
      DatapointsToAlarm: 2, EvaluationPeriods: 3, AlarmActions: [topic], OKActions: [topic],
    });
    expect(dimensionsOf(alarm?.Properties.Dimensions)).toEqual({ DistributionId: 'E2EXAMPLE0ABCD', Region: 'Global' });
    expect(edge.region).toBe('us-east-1');
    const [[, topicResource] = ['', undefined]] = ofType(edgeResources, 'AWS::SNS::Topic');
    expect(topicResource?.Properties.KmsMasterKeyId).toBeDefined();
  });
});

describe('operations in dev', () => {
  const { alarmEmail: _none, ...withoutEmail } = stackSettings;
  const { stack, resources } = synth({ ...withoutEmail, stage: 'dev' });

  it('is destroyable: every resource is deleted with the stack, nothing deletion-protected', () => {
    const retained = Object.entries(resources).filter(([, resource]) => resource.DeletionPolicy !== undefined && resource.DeletionPolicy !== 'Delete');
    expect(retained.map(([id]) => id)).toEqual([]);
    expectStatefulResources(resources, { deletionPolicy: 'Delete', protectedFromDeletion: false });
  });

  it('has no backup plan but keeps point-in-time recovery', () => {
    expect(ofType(resources, 'AWS::Backup::BackupPlan')).toEqual([]);
    expect(stack.backups).toBeUndefined();
    for (const [, table] of ofType(resources, 'AWS::DynamoDB::Table')) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('tags resources with stage dev and names alarms after it', () => {
    const [[, fn] = ['', undefined]] = ofType(resources, 'AWS::Lambda::Function');
    expect(fn?.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'stage', Value: 'dev' }, { Key: 'service', Value: 'partnerdesk' }]));
    const names = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => String(alarm.Properties.AlarmName));
    expect(names.every((name) => name.startsWith('Partnerdesk-dev-'))).toBe(true);
  });

  it('mails nobody when no alarmEmail is set (the topic stays for other subscribers)', () => {
    expect(ofType(resources, 'AWS::SNS::Subscription')).toEqual([]);
    expect(ofType(resources, 'AWS::SNS::Topic')).toHaveLength(1);
  });
});

describe('threat protection setting', () => {
  it('enforces threat protection in the staff pool when threatProtection=enforced', () => {
    const { stack, resources } = synth({ ...stackSettings, threatProtection: 'enforced' });
    expect(resources[logicalId(stack.auth.userPool)]?.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });
});
