import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { configurationSetName, Mailer } from './constructs/Mailer';
import { SERVICE_NAME } from './PartnerdeskStack';
import type { Stage } from './StagePolicy';

/** Props of {@link PartnerdeskMailStack}. */
export interface PartnerdeskMailStackProps extends StackProps {
  /** The stage this mail stack serves. */
  readonly stage: Stage;
  /** Address partnerdesk sends from; SES mails it a verification link on the first deploy. */
  readonly senderEmail: string;
  /** Name of the main stack, which names the configuration set. */
  readonly mainStackName: string;
}

/**
 * The stage's SES identity and configuration set, in a stack of their own deployed first
 * (`Partnerdesk-<stage>-mail`): Cognito refuses a user pool whose SES sender is not verified yet,
 * so the owner of the address follows SES's link before the main stack creates the pools
 * (docs/deploy.md).
 *
 * @example
 * new PartnerdeskMailStack(app, 'Partnerdesk-prod-mail', { stage: 'prod', senderEmail, mainStackName: 'Partnerdesk-prod' });
 */
export class PartnerdeskMailStack extends Stack {
  public readonly mailer: Mailer;

  public constructor(scope: Construct, id: string, props: PartnerdeskMailStackProps) {
    super(scope, id, props);
    Tags.of(this).add('service', SERVICE_NAME);
    Tags.of(this).add('stage', props.stage);
    this.mailer = new Mailer(this, 'Mailer', { senderEmail: props.senderEmail, configurationSetName: configurationSetName(props.mainStackName) });
  }
}

/** The mail stack's name for a main stack, e.g. `Partnerdesk-prod-mail`. */
export function mailStackName(mainStackName: string): string {
  return `${mainStackName}-mail`;
}
