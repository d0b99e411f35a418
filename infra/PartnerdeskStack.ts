import * as path from 'node:path';
import { Aspects, CfnOutput, Lazy, NestedStack, RemovalPolicies, RemovalPolicy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnUserPoolDomain, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { jobs as jobTable, type JobSpec, type RouteSpec, routes as routeTable, type TriggerSpec, triggers as triggerTable } from '../shared/routeTable';
import { type QueueSpec, queues as queueTable, type StreamSpec, streams as streamTable } from '../shared/routeTable';
import { BRAND_COLOR_PATTERN, DEFAULT_MAIL_SETTINGS } from '../shared/domain/mails/MailSettings';
import { Api } from './constructs/Api';
import { Auth } from './constructs/Auth';
import { Backups } from './constructs/Backups';
import { assertConsoleBuilt, Console, type ConsoleDomain, type ConsoleSignIn } from './constructs/Console';
import { ConsoleUsers, type ExternalConsoleIdentity } from './constructs/ConsoleUsers';
import { Jobs } from './constructs/Jobs';
import { Queues } from './constructs/Queues';
import { Streams } from './constructs/Streams';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { configurationSetName, MailSender } from './constructs/Mailer';
import { Monitoring, type MonitoredFunction } from './constructs/Monitoring';
import type { SharedResources } from './constructs/ServiceFunction';
import { Tables } from './constructs/Tables';
import { type Stage, stackName, stagePolicy, type ThreatProtection, type UserPoolPolicy } from './StagePolicy';
import { WildcardResourceGuard } from './WildcardResourceGuard';

/** Deployment settings of partnerdesk (CDK context, see `infra/app.ts`). */
export interface PartnerdeskSettings {
  /** Address mails are sent from: the mail stack's SES identity, verified before this stack is deployed. */
  readonly senderEmail: string;
  /** The account's SES sending quota (mails per 24 hours) for the quota alarm; default 50,000. */
  readonly sesDailySendingQuota?: number;
  /**
   * Origin of the web console on the operator's own domain (`https://partners.example.com`); needs
   * `consoleCertificateArn`. Without it the console is served at the distribution's `https://<id>.cloudfront.net`.
   */
  readonly consoleOrigin?: string;
  /** ARN of the ACM certificate (us-east-1) for the host of `consoleOrigin`. */
  readonly consoleCertificateArn?: string;
  /** Comma-separated browser origins allowed by CORS besides the console's own. */
  readonly allowedOrigins?: string;
  /** The partner department's mailbox (new applications, escalations). */
  readonly partnerDepartmentEmail: string;
  /** The support mailbox applicants are told to write to, and the support contact of every mail. */
  readonly supportEmail: string;
  /** The cloud's name in every mail (`CLOUD_NAME`; default `DEFAULT_MAIL_SETTINGS.cloudName`). */
  readonly cloudName?: string;
  /** The brand colour of every mail, `#rrggbb` (`BRAND_COLOR`; default `DEFAULT_MAIL_SETTINGS.brandColor`). */
  readonly brandColor?: string;
  /** Prefix of the Cognito hosted domain (token endpoint of machine clients); globally unique. */
  readonly authDomainPrefix: string;
  /** Request rate limits of the API. */
  readonly throttle?: ThrottleSettings;
  /** The cloud's own OIDC provider for console users; absent, the stack creates a console users' pool. */
  readonly consoleIdentity?: ExternalConsoleIdentity;
  /** `dev` (destroyable) or `prod` (retained, protected, backed up). Default `dev`. */
  readonly stage?: Stage;
  /** Where alarm notifications are mailed (SNS e-mail subscription); none when absent. */
  readonly alarmEmail?: string;
  /** Cognito threat protection: `audit` (default, AWS advises it first) or `enforced`. */
  readonly threatProtection?: ThreatProtection;
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
  /** Consumers of the tables' change streams; the route table's unless a test passes its own. */
  readonly streams?: readonly StreamSpec[];
  /** Consumers of queues fed by the event bus; the route table's unless a test passes its own. */
  readonly queues?: readonly QueueSpec[];
  /** Folder of the built web console; `web/dist` of the repository unless a test passes its own. */
  readonly consoleAssetDir?: string;
}

/** SES's sending quota of an account out of the sandbox, until AWS raises it (the quota alarm's default). */
export const DEFAULT_SES_DAILY_SENDING_QUOTA = 50_000;

/** Where `npm run build:web` puts the built console. */
const CONSOLE_ASSET_DIR = path.resolve(__dirname, '..', 'web', 'dist');

/**
 * partnerdesk in one stack: stateful resources (tables, user pool, mail identity, event bus) and
 * the stateless functions of the route and job tables that use them.
 */
export class PartnerdeskStack extends Stack {
  public readonly tables: Tables;
  public readonly auth: Auth;
  /** The identity of cloud console users (owners of cloud accounts) and its sign-in gate. */
  public readonly consoleUsers: ConsoleUsers;
  /** Sends through the mail stack's SES identity and configuration set. */
  public readonly mailer: MailSender;
  /** Bus for domain events (functions with `uses.events`). */
  public readonly eventBus: EventBus;
  /** The key page cursors are signed with (functions with `uses.cursors`). */
  public readonly cursorSigningKey: Secret;
  public readonly api: Api;
  public readonly jobs: Jobs;
  /** The consumers of the tables' change streams (search index, counts), in the jobs' nested stack. */
  public readonly streams: Streams;
  /** The queues fed by the event bus and their consumers (webhook deliveries), in the jobs' nested stack. */
  public readonly queues: Queues;
  /** The nested stacks that keep every template far below CloudFormation's 500 resources. */
  public readonly nestedStacks: { readonly jobs: NestedStack; readonly monitoring: NestedStack; readonly dashboard: NestedStack };
  /** The web console (S3 + CloudFront). */
  public readonly console: Console;
  /** Origin of the web console: invitation links, CORS, sign-in callbacks. */
  public readonly consoleOrigin: string;
  /** Alarms, their topic and the dashboard. */
  public readonly monitoring: Monitoring;
  /** The tables' backup plan (prod only). */
  public readonly backups?: Backups;

  public constructor(scope: Construct, id: string, props: PartnerdeskStackProps) {
    // The alarms and the dashboard make the template large; unindented it stays far from CloudFormation's 1 MB.
    super(scope, id, { suppressTemplateIndentation: true, ...props });
    const { settings } = props;
    const stage = stagePolicy(settings.stage ?? 'dev');
    Tags.of(this).add('service', SERVICE_NAME);
    Tags.of(this).add('stage', stage.stage);
    Aspects.of(this).add(new WildcardResourceGuard());
    // A dev stack is thrown away whole; prod keeps its data (tables and pools retained, see stagePolicy).
    if (stage.removalPolicy === RemovalPolicy.DESTROY) RemovalPolicies.of(this).destroy();
    const consoleAssetDir = props.consoleAssetDir ?? CONSOLE_ASSET_DIR;
    // Before the functions are bundled, which takes a while.
    assertConsoleBuilt(consoleAssetDir);
    const customDomain = this.consoleDomain(settings);
    // The console is built last (it needs the API URL and the sign-in clients), so its own origin is read lazily.
    this.consoleOrigin = customDomain ? `https://${customDomain.domainName}` : Lazy.string({ produce: () => this.console.origin });
    this.tables = new Tables(this, 'Tables', {
      tableProps: { removalPolicy: stage.removalPolicy, deletionProtection: stage.deletionProtection },
    });
    const userPoolPolicy: UserPoolPolicy = {
      threatProtection: settings.threatProtection,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    };
    this.mailer = new MailSender(this, 'Mail', { senderEmail: settings.senderEmail, configurationSetName: configurationSetName(this.stackName) });
    this.auth = new Auth(this, 'Auth', {
      ...userPoolPolicy,
      domainPrefix: settings.authDomainPrefix,
      consoleOrigin: this.consoleOrigin,
      mail: this.mailer,
      mfaRequired: stage.staffMfaRequired,
    });
    this.eventBus = new EventBus(this, 'DomainEvents');
    this.cursorSigningKey = new Secret(this, 'CursorSigningKey', {
      description: 'HMAC key of the page cursors of partnerdesk listings',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.cursorSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The cursor key is rotated by an operator (docs/operations.md): the functions read it at run time and accept ' +
        'the previous key for a window, so a rotation needs no deploy; a rotation Lambda would add nothing but a schedule.',
    });

    const resources: SharedResources = {
      tables: this.tables,
      auth: this.auth,
      mailer: this.mailer,
      eventBus: this.eventBus,
      cursorSigningKey: this.cursorSigningKey,
    };
    const jobMetricsNamespace = `${SERVICE_NAME}/${stage.stage}`;
    const environment = {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: jobMetricsNamespace,
      PARTNER_DEPARTMENT_EMAIL: settings.partnerDepartmentEmail,
      SUPPORT_EMAIL: settings.supportEmail,
      ...mailLook(settings),
      PUBLIC_BASE_URL: this.consoleOrigin,
    };
    this.consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', {
      ...userPoolPolicy,
      domainPrefix: settings.authDomainPrefix,
      consoleOrigin: this.consoleOrigin,
      triggers: props.triggers ?? triggerTable,
      resources,
      environment,
      external: settings.consoleIdentity,
      mail: this.mailer,
      triggerReservedConcurrency: stage.triggerReservedConcurrency,
    });
    this.api = new Api(this, 'Api', {
      consoleTokens: this.consoleUsers.tokenEnvironment(),
      routes: props.routes ?? routeTable,
      allowedOrigins: [this.consoleOrigin, settings.allowedOrigins].filter(Boolean).join(','),
      resources,
      environment,
      throttle: settings.throttle,
    });
    // CloudFormation takes templates of at most 1 MB (from S3); unindented, the nested templates keep ≈ 40 % of it
    // free (CDK warns from 80 %, and the cdk-nag test fails on that warning).
    const jobsStack = new NestedStack(this, 'JobsStack', { description: 'partnerdesk scheduled jobs and stream consumers', suppressTemplateIndentation: true });
    this.jobs = new Jobs(jobsStack, 'Jobs', { jobs: props.jobs ?? jobTable, resources, environment });
    const monitoringStack = new NestedStack(this, 'MonitoringStack', { description: 'partnerdesk alarms', suppressTemplateIndentation: true });
    // The dashboard's body alone takes half of a template's 1 MB with the functions of this round: a stack of its own.
    const dashboardStack = new NestedStack(this, 'DashboardStack', { description: 'partnerdesk dashboard', suppressTemplateIndentation: true });
    this.streams = new Streams(jobsStack, 'Streams', {
      streams: props.streams ?? streamTable, resources, environment, alarmNamePrefix: stackName(stage.stage), alarmScope: monitoringStack,
    });
    this.queues = new Queues(jobsStack, 'Queues', {
      queues: props.queues ?? queueTable, resources, environment, alarmNamePrefix: stackName(stage.stage), alarmScope: monitoringStack,
    });
    this.console = new Console(this, 'Console', {
      assetDir: consoleAssetDir,
      apiUrl: this.api.httpApi.apiEndpoint,
      signIn: {
        staff: { domain: this.loginOrigin(this.auth.domain), clientId: this.auth.webClient.userPoolClientId },
        ...this.consoleUsersSignIn(),
      },
      customDomain,
      autoDeleteObjects: stage.autoDeleteConsoleBucket,
    });
    const namePrefix = stackName(stage.stage);
    if (stage.backups) this.backups = new Backups(this, 'Backups', { planName: `${namePrefix}-tables`, tables: [...this.tables.byName.values()] });
    // Last, so that it finds every function the constructs above created.
    this.nestedStacks = { jobs: jobsStack, monitoring: monitoringStack, dashboard: dashboardStack };
    this.monitoring = new Monitoring(monitoringStack, 'Monitoring', {
      namePrefix,
      alarmEmail: settings.alarmEmail,
      functions: this.allFunctions(),
      httpApi: this.api.httpApi,
      tables: this.tables.byName,
      configurationSetName: this.mailer.configurationSetName,
      jobs: this.jobs.monitoredJobs,
      jobMetricsNamespace,
      sesDailySendingQuota: settings.sesDailySendingQuota ?? DEFAULT_SES_DAILY_SENDING_QUOTA,
      dashboardScope: dashboardStack,
    });
    for (const alarm of [...this.streams.alarms, ...this.queues.alarms]) {
      alarm.addAlarmAction(new SnsAction(this.monitoring.alarmTopic));
      alarm.addOkAction(new SnsAction(this.monitoring.alarmTopic));
    }

    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleOrigin });
    new CfnOutput(this, 'ConsoleDistributionDomainName', { value: this.console.distribution.distributionDomainName });
    new CfnOutput(this, 'ConsoleDistributionId', { value: this.console.distribution.distributionId });
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
   * Every Lambda function of the stack and its nested stacks, found rather than listed, so functions
   * added by any construct (routes, jobs, Cognito triggers, the console's deployment) get their
   * alarms; named by their path below the stack without the nested stacks' and functions' own ids
   * (`Api-listClients`). The sign-in triggers refuse a blocked account by throwing.
   */
  private allFunctions(): MonitoredFunction[] {
    const triggers = new Map<LambdaFunction, string>([...this.consoleUsers.functions].map(([handler, fn]) => [fn, handler]));
    return this.node
      .findAll()
      .filter((construct): construct is LambdaFunction => construct instanceof LambdaFunction)
      .map((fn) => ({
        name: fn.node.scopes
          .slice(2)
          .filter((scope) => !(scope instanceof NestedStack) && scope.node.id !== 'Function')
          .map((scope) => scope.node.id)
          .join('-'),
        function: fn,
        signInTrigger: triggers.get(fn),
      }));
  }

  /** The `console` entry of the console's sign-in settings: the console users' pool, when the stack creates it. */
  private consoleUsersSignIn(): { console?: ConsoleSignIn } {
    const { domain, webClient } = this.consoleUsers;
    return domain && webClient ? { console: { domain: this.loginOrigin(domain), clientId: webClient.userPoolClientId } } : {};
  }

  /**
   * The managed-login origin of a Cognito domain, built from its prefix instead of a reference to
   * the domain resource: the console's CSP is part of the distribution, and the pools' callbacks
   * and triggers name the distribution, so the distribution must not depend on a pool.
   */
  private loginOrigin(domain: UserPoolDomain): string {
    const cfnDomain = domain.node.defaultChild;
    if (!(cfnDomain instanceof CfnUserPoolDomain)) throw new Error(`${domain.node.path} has no CloudFormation resource`);
    return `https://${cfnDomain.domain}.auth.${this.region}.amazoncognito.com`;
  }

  /** The console's custom domain from `consoleOrigin` and its certificate, or none. */
  private consoleDomain(settings: PartnerdeskSettings): ConsoleDomain | undefined {
    if (settings.consoleOrigin === undefined) return undefined;
    const origin = URL.canParse(settings.consoleOrigin) ? new URL(settings.consoleOrigin) : undefined;
    if (origin?.protocol !== 'https:' || origin.origin !== settings.consoleOrigin.replace(/\/$/, '')) {
      throw new Error(`consoleOrigin must be an https origin without a path, like https://partners.example.com; got "${settings.consoleOrigin}".`);
    }
    if (!settings.consoleCertificateArn) {
      throw new Error('consoleOrigin needs consoleCertificateArn: an ACM certificate in us-east-1 for its host name.');
    }
    return {
      domainName: origin.hostname,
      certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', settings.consoleCertificateArn),
    };
  }
}

/** The cloud's name and brand colour of the mails, defaulted; a colour that is not `#rrggbb` stops the synth (it goes into style attributes). */
function mailLook(settings: PartnerdeskSettings): { CLOUD_NAME: string; BRAND_COLOR: string } {
  const brandColor = settings.brandColor ?? DEFAULT_MAIL_SETTINGS.brandColor;
  if (!BRAND_COLOR_PATTERN.test(brandColor)) throw new Error(`brandColor must be a colour written #rrggbb, not '${brandColor}'`);
  return { CLOUD_NAME: settings.cloudName?.trim() || DEFAULT_MAIL_SETTINGS.cloudName, BRAND_COLOR: brandColor };
}
