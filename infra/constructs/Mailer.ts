import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { PoolMail } from '../StagePolicy';

/**
 * The CloudWatch dimension SES puts on the sending events of this configuration set: its
 * `ses:configuration-set` auto-tag, whose value is the configuration set's name.
 */
export const CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

/** Sending events published to CloudWatch (namespace `AWS/SES`, metrics `Send`, `Bounce`, `Complaint`). */
export const PUBLISHED_SENDING_EVENTS = [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT];

/** The name of a stage's SES configuration set (regional, so a stage can live in two regions of one account). */
export function configurationSetName(stackName: string): string {
  return stackName.toLowerCase();
}

/** Props of {@link Mailer}. */
export interface MailerProps {
  /** Address partnerdesk sends from, e.g. `partners@example.com`; SES mails it a verification link. */
  readonly senderEmail: string;
  /** Name of the configuration set ({@link configurationSetName}). */
  readonly configurationSetName: string;
}

/**
 * Outgoing mail's SES resources, in the mail stack deployed before the main one: the identity of the
 * sender address and a configuration set (TLS required, bounces and complaints suppressed,
 * reputation metrics) that is the identity's default; the configuration set publishes sends,
 * bounces and complaints to CloudWatch for the bounce and complaint rate alarms.
 *
 * @example
 * new Mailer(mailStack, 'Mailer', { senderEmail: 'partners@example.com', configurationSetName: 'partnerdesk-prod' });
 */
export class Mailer extends Construct {
  /** The sender identity; SES verifies it when its owner follows the link SES mails. */
  public readonly identity: EmailIdentity;
  /** The configuration set applied to every mail from the identity. */
  public readonly configurationSet: ConfigurationSet;

  public constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('CloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        { name: CONFIGURATION_SET_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: props.configurationSetName },
      ]),
      events: PUBLISHED_SENDING_EVENTS,
    });
    this.identity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
  }
}

/**
 * How the main stack sends mail through the mail stack's identity and configuration set: by their
 * names, not by CloudFormation exports, so that neither stack locks the other.
 *
 * @example
 * const mail = new MailSender(this, 'Mail', { senderEmail: 'partners@example.com', configurationSetName: 'partnerdesk-prod' });
 * mail.grantSend(fn);
 */
export class MailSender extends Construct implements PoolMail {
  /** The sender address (`MAIL_FROM`). */
  public readonly senderEmail: string;
  /** The configuration set applied to every mail. */
  public readonly configurationSetName: string;
  /** ARN of the verified sender identity. */
  public readonly identityArn: string;
  /** ARN of the configuration set. */
  public readonly configurationSetArn: string;

  public constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSetName = props.configurationSetName;
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderEmail });
    this.configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName });
  }

  /** Lets a function send mail from the sender identity through the configuration set. */
  public grantSend(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identityArn, this.configurationSetArn],
    });
  }
}
