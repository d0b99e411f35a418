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

/** Props of {@link Mailer}. */
export interface MailerProps {
  /** Address partnerdesk sends from, e.g. `partners@example.com`; SES mails it a verification link. */
  readonly senderEmail: string;
}

/**
 * The CloudWatch dimension SES puts on the sending events of this configuration set: its
 * `ses:configuration-set` auto-tag, whose value is the configuration set's name.
 */
export const CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

/** Sending events published to CloudWatch (namespace `AWS/SES`, metrics `Send`, `Bounce`, `Complaint`). */
export const PUBLISHED_SENDING_EVENTS = [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT];

/**
 * Outgoing mail: the SES identity of the sender address and a configuration set (TLS required,
 * bounces and complaints suppressed, reputation metrics) that is the identity's default; the
 * configuration set publishes sends, bounces and complaints to CloudWatch for the bounce and
 * complaint rate alarms.
 *
 * @example
 * const mailer = new Mailer(this, 'Mailer', { senderEmail: 'partners@example.com' });
 * mailer.grantSend(fn);
 */
export class Mailer extends Construct {
  /** The sender address (`MAIL_FROM`). */
  public readonly senderEmail: string;
  /** The verified sender identity. */
  public readonly identity: EmailIdentity;
  /** The configuration set applied to every mail from the identity. */
  public readonly configurationSet: ConfigurationSet;

  public constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('CloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: CONFIGURATION_SET_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: this.configurationSet.configurationSetName,
        },
      ]),
      events: PUBLISHED_SENDING_EVENTS,
    });
    this.identity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
  }

  /** Lets a function send mail from the sender identity through the configuration set. */
  public grantSend(grantee: IGrantable): Grant {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identity.emailIdentityArn, configurationSetArn],
    });
  }
}
