import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { jobs as jobTable, type JobSpec, type RouteSpec, routes as routeTable, type TriggerSpec, triggers as triggerTable } from '../shared/routeTable';
import { Api } from './constructs/Api';
import { Auth } from './constructs/Auth';
import { ConsoleUsers, type ExternalConsoleIdentity } from './constructs/ConsoleUsers';
import { Jobs } from './constructs/Jobs';
import { Mailer } from './constructs/Mailer';
import type { SharedResources } from './constructs/ServiceFunction';
import { Tables } from './constructs/Tables';

/** Deployment settings of partnerdesk (CDK context, see `infra/app.ts`). */
export interface PartnerdeskSettings {
  /** Address mails are sent from; must be verified in SES. */
  readonly senderEmail: string;
  /** Comma-separated browser origins of the web console. */
  readonly allowedOrigins: string;
  /** The partner department's mailbox (new applications, escalations). */
  readonly partnerDepartmentEmail: string;
  /** The support mailbox applicants are told to write to. */
  readonly supportEmail: string;
  /** Base URL of the web console, used in invitation links. */
  readonly publicBaseUrl: string;
  /** Prefix of the Cognito hosted domain (token endpoint of machine clients); globally unique. */
  readonly authDomainPrefix: string;
  /** Request rate limits of the API. */
  readonly throttle?: ThrottleSettings;
  /** The cloud's own OIDC provider for console users; absent, the stack creates a console users' pool. */
  readonly consoleIdentity?: ExternalConsoleIdentity;
}

/** Props of {@link PartnerdeskStack}. */
export interface PartnerdeskStackProps extends StackProps {
  /** Deployment settings. */
  readonly settings: PartnerdeskSettings;
  /** HTTP routes; the route table unless a test passes its own. */
  readonly routes?: readonly RouteSpec[];
  /** Scheduled jobs; the job table unless a test passes its own. */
  readonly jobs?: readonly JobSpec[];
  /** Cognito triggers of the console users' pool; the route table's unless a test passes its own. */
  readonly triggers?: readonly TriggerSpec[];
}

/**
 * partnerdesk in one stack: stateful resources (tables, user pool, mail identity, event bus) and
 * the stateless functions of the route and job tables that use them.
 */
export class PartnerdeskStack extends Stack {
  public readonly tables: Tables;
  public readonly auth: Auth;
  /** The identity of cloud console users (owners of cloud accounts) and its sign-in gate. */
  public readonly consoleUsers: ConsoleUsers;
  public readonly mailer: Mailer;
  /** Bus for domain events (functions with `uses.events`). */
  public readonly eventBus: EventBus;
  public readonly api: Api;
  public readonly jobs: Jobs;

  public constructor(scope: Construct, id: string, props: PartnerdeskStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.tables = new Tables(this, 'Tables');
    this.auth = new Auth(this, 'Auth', { domainPrefix: settings.authDomainPrefix });
    this.mailer = new Mailer(this, 'Mailer', { senderEmail: settings.senderEmail });
    this.eventBus = new EventBus(this, 'DomainEvents');

    const resources: SharedResources = {
      tables: this.tables,
      auth: this.auth,
      mailer: this.mailer,
      eventBus: this.eventBus,
    };
    const environment = {
      POWERTOOLS_SERVICE_NAME: 'partnerdesk',
      PARTNER_DEPARTMENT_EMAIL: settings.partnerDepartmentEmail,
      SUPPORT_EMAIL: settings.supportEmail,
      PUBLIC_BASE_URL: settings.publicBaseUrl,
    };
    this.consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', {
      domainPrefix: settings.authDomainPrefix,
      consoleOrigin: settings.publicBaseUrl,
      triggers: props.triggers ?? triggerTable,
      resources,
      environment,
      external: settings.consoleIdentity,
    });
    this.api = new Api(this, 'Api', {
      consoleTokens: this.consoleUsers.tokenEnvironment(),
      routes: props.routes ?? routeTable,
      allowedOrigins: settings.allowedOrigins,
      resources,
      environment,
      throttle: settings.throttle,
    });
    this.jobs = new Jobs(this, 'Jobs', { jobs: props.jobs ?? jobTable, resources, environment });

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'WebConsoleClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'BillingIngestionClientId', { value: this.auth.machineClient.userPoolClientId });
    new CfnOutput(this, 'TokenEndpoint', { value: `${this.auth.domain.baseUrl()}/oauth2/token` });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    if (this.consoleUsers.userPool && this.consoleUsers.webClient) {
      new CfnOutput(this, 'ConsoleUserPoolId', { value: this.consoleUsers.userPool.userPoolId });
      new CfnOutput(this, 'ConsoleUsersClientId', { value: this.consoleUsers.webClient.userPoolClientId });
    }
  }
}
