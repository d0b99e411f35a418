import { CfnOutput, RemovalPolicies, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { jobs as jobTable, type JobSpec, type RouteSpec, routes as routeTable, type TriggerSpec, triggers as triggerTable } from '../shared/routeTable';
import { Api } from './constructs/Api';
import { Auth } from './constructs/Auth';
import { Backups } from './constructs/Backups';
import { ConsoleUsers, type ExternalConsoleIdentity } from './constructs/ConsoleUsers';
import { Jobs } from './constructs/Jobs';
import { Mailer } from './constructs/Mailer';
import { Monitoring, type MonitoredFunction } from './constructs/Monitoring';
import type { SharedResources } from './constructs/ServiceFunction';
import { Tables } from './constructs/Tables';
import { type Stage, stackName, stagePolicy, type ThreatProtection, type UserPoolPolicy } from './StagePolicy';

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
  /** `dev` (destroyable) or `prod` (retained, protected, backed up). Default `dev`. */
  readonly stage?: Stage;
  /** Where alarm notifications are mailed (SNS e-mail subscription); none when absent. */
  readonly alarmEmail?: string;
  /** Cognito threat protection: `audit` (default, AWS advises it first) or `enforced`. */
  readonly threatProtection?: ThreatProtection;
  /** The cloud's own OIDC provider for console users; absent, the stack creates a console users' pool. */
  readonly consoleIdentity?: ExternalConsoleIdentity;
}

/** The service's name: the `service` tag of every resource, the Powertools service and the root of the job metrics' namespace. */
export const SERVICE_NAME = 'partnerdesk';

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
  /** Alarms, their topic and the dashboard. */
  public readonly monitoring: Monitoring;
  /** The tables' backup plan (prod only). */
  public readonly backups?: Backups;

  public constructor(scope: Construct, id: string, props: PartnerdeskStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const stage = stagePolicy(settings.stage ?? 'dev');
    Tags.of(this).add('service', SERVICE_NAME);
    Tags.of(this).add('stage', stage.stage);
    // A dev stack is thrown away whole; prod keeps its data (tables and pool retained, see stagePolicy).
    if (stage.removalPolicy === RemovalPolicy.DESTROY) RemovalPolicies.of(this).destroy();

    this.tables = new Tables(this, 'Tables', {
      tableProps: { removalPolicy: stage.removalPolicy, deletionProtection: stage.deletionProtection },
    });
    const userPoolPolicy: UserPoolPolicy = {
      threatProtection: settings.threatProtection,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    };
    this.auth = new Auth(this, 'Auth', { domainPrefix: settings.authDomainPrefix, ...userPoolPolicy });
    this.mailer = new Mailer(this, 'Mailer', { senderEmail: settings.senderEmail });
    this.eventBus = new EventBus(this, 'DomainEvents');

    const resources: SharedResources = {
      tables: this.tables,
      auth: this.auth,
      mailer: this.mailer,
      eventBus: this.eventBus,
    };
    const jobMetricsNamespace = `${SERVICE_NAME}/${stage.stage}`;
    const environment = {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: jobMetricsNamespace,
      PARTNER_DEPARTMENT_EMAIL: settings.partnerDepartmentEmail,
      SUPPORT_EMAIL: settings.supportEmail,
      PUBLIC_BASE_URL: settings.publicBaseUrl,
    };
    this.consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', {
      ...userPoolPolicy,
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
    const namePrefix = stackName(stage.stage);
    if (stage.backups) this.backups = new Backups(this, 'Backups', { planName: `${namePrefix}-tables`, tables: [...this.tables.byName.values()] });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      namePrefix,
      alarmEmail: settings.alarmEmail,
      functions: this.allFunctions(),
      httpApi: this.api.httpApi,
      tables: this.tables.byName,
      configurationSetName: this.mailer.configurationSet.configurationSetName,
      jobs: this.jobs.monitoredJobs,
      jobMetricsNamespace,
    });

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
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn });
  }

  /**
   * Every Lambda function of the stack, found rather than listed, so functions added by any
   * construct (routes, jobs, Cognito triggers) get their alarms; named by their path below the stack.
   * The sign-in triggers refuse a blocked account by throwing.
   */
  private allFunctions(): MonitoredFunction[] {
    const refusing = new Set<LambdaFunction>(this.consoleUsers.functions.values());
    return this.node
      .findAll()
      .filter((construct): construct is LambdaFunction => construct instanceof LambdaFunction)
      .map((fn) => ({
        name: fn.node.scopes.slice(2).map((scope) => scope.node.id).filter((part) => part !== 'Function').join('-'),
        function: fn,
        refusesByThrowing: refusing.has(fn),
      }));
  }
}
