import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * The SNS topic alarms notify (`<scope>/AlarmTopic`): TLS only, encrypted with a customer managed
 * key of its own (`<scope>/AlarmTopicKey`, rotated), with an optional e-mail subscription.
 * CloudWatch cannot publish to a topic encrypted with the AWS managed key (alias/aws/sns), whose
 * policy cannot be changed; this key's policy lets CloudWatch use it (SNS developer guide, "Enable
 * compatibility between event sources from AWS services and encrypted topics").
 */
export function createAlarmTopic(scope: Construct, namePrefix: string, alarmEmail?: string): Topic {
  const key = new Key(scope, 'AlarmTopicKey', { description: `${namePrefix} alarm topic`, enableKeyRotation: true });
  key.addToResourcePolicy(new PolicyStatement({
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  const topic = new Topic(scope, 'AlarmTopic', { displayName: `${namePrefix} alarms`, enforceSSL: true, masterKey: key });
  if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
  return topic;
}
