import * as path from 'node:path';
import { type Duration, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTION_BUNDLING } from '../functionBundling';
import { type TableName, tableEnvVar, tables as tableSpecs } from '../../shared/adapters/dynamodb/tables';
import type { TableAccess, Uses } from '../../shared/routeTable';
import type { Auth } from './Auth';
import type { MailSender } from './Mailer';
import { isTableName, type Tables } from './Tables';

/** The repository root: handlers live in `<root>/functions/`, the lock file is `<root>/package-lock.json`. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * The DynamoDB actions of each kind of table access (`TableAccess` in the route table): Scan only for
 * a one-off backfill, deletes only where a function deletes. Stream reads are granted by `Streams` to its consumers alone.
 */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: READ_ACTIONS,
  append: ['dynamodb:PutItem'],
  readWrite: WRITE_ACTIONS,
  readWriteDelete: [...WRITE_ACTIONS, 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  backfill: [...WRITE_ACTIONS, 'dynamodb:Scan', 'dynamodb:BatchWriteItem'],
  get: ['dynamodb:GetItem'],
  getPut: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  appendReadBack: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
};

/** Active tracing: the only actions any role of the stack may hold on `*` (X-Ray has no resource-level permissions). */
export const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] as const;

/** The one action a function that hands out page cursors holds on the cursor key's secret. */
export const CURSOR_KEY_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/** The stateful resources a function's `uses` can refer to. */
export interface SharedResources {
  readonly tables: Tables;
  readonly mailer: MailSender;
  readonly auth: Auth;
  /** Bus for domain events. */
  readonly eventBus: IEventBus;
  /** The key page cursors are signed with. */
  readonly cursorSigningKey: ISecret;
}

/** Props of {@link ServiceFunction}. */
export interface ServiceFunctionProps {
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  /** What the function touches: becomes environment variables and least-privilege grants. */
  readonly uses: Uses;
  /** The resources `uses` refers to. */
  readonly resources: SharedResources;
  /** Environment shared by a group of functions (settings, token issuer). */
  readonly environment: Readonly<Record<string, string>>;
  /** Maximum run time. */
  readonly timeout: Duration;
  /** Concurrency set aside for this function alone (and its ceiling); default none, it shares the account's pool. */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * One Lambda function of partnerdesk: nodejs22.x on arm64, bundled on its own as minified ESM with
 * module-first main fields and the AWS SDK inside (see PERFORMANCE.md), active tracing, its own
 * log group with a retention, and an own role that gets exactly what `uses` declares.
 *
 * Every grant lands in the role's one default policy, which the function depends on (CloudFormation
 * creates the policy first): grants made later by other constructs (`fn.addToRolePolicy`, an event
 * source, an on-failure destination) land there too, so none is dropped and none can race the
 * function's creation. Lambda checks a destination's and active tracing's permissions when the
 * function or its invoke config is created, so a missing grant would fail the deploy.
 *
 * @example
 * new ServiceFunction(this, 'getPartnerApplication', { handler: 'getPartnerApplication', uses, resources, environment, timeout });
 */
export class ServiceFunction extends Construct {
  /** The Lambda function. */
  public readonly function: NodejsFunction;
  /** Where the function logs. */
  public readonly logGroup: LogGroup;
  /** The execution role (logs, tracing and the grants from `uses`, all in its default policy). */
  public readonly role: Role;

  public constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    // An own role instead of AWSLambdaBasicExecutionRole: writing to its own log group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'functions', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      // Active tracing adds TRACING_ACTIONS on `*` to the role's default policy (the one wildcard, see WildcardResourceGuard).
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      role: this.role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...props.environment,
        ...this.wireUses(props.uses, props.resources),
      },
      bundling: FUNCTION_BUNDLING,
    });

    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), which support no resource-level ' +
          'permissions; WildcardResourceGuard fails the synth on any other action granted on `*`.',
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime chosen for partnerdesk (PERFORMANCE.md: bundles target node22, local code stays ' +
        'Node 20 compatible); moving to a newer runtime is a deliberate, tested upgrade.',
    });
  }

  /** Grants what `uses` declares and returns the environment variables that go with it. */
  private wireUses(uses: Uses, resources: SharedResources): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const [name, access] of Object.entries(uses.tables ?? {})) {
      if (!isTableName(name) || !access) continue;
      // A local-only table has no AWS counterpart: it stands in for a managed service that `uses` names itself.
      const table = resources.tables.byName.get(name);
      if (!table) continue;
      this.role.addToPrincipalPolicy(new PolicyStatement({
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn, ...(access === 'append' || access === 'appendReadBack' ? [] : indexArns(name, table))],
      }));
      environment[tableEnvVar(name)] = table.tableName;
    }
    if (uses.mail) {
      resources.mailer.grantSend(this.role);
      environment.MAIL_FROM = resources.mailer.senderEmail;
    }
    // Each use of the staff pool's logins is its own least-privilege grant; all of them name the pool.
    const { auth } = resources;
    const loginGrants = [
      [uses.accountDirectory, () => auth.grantAccountDirectory(this.role)],
      [uses.removesLogins, () => auth.grantLoginRemoval(this.role)],
      [uses.closesLogins, () => auth.grantLoginClosing(this.role)],
      [uses.reopensLogins, () => auth.grantLoginReopening(this.role)],
    ] as const;
    for (const [used, grant] of loginGrants) {
      if (!used) continue;
      grant();
      environment.USER_POOL_ID = auth.userPool.userPoolId;
    }
    if (uses.events) {
      resources.eventBus.grantPutEventsTo(this.role);
      environment.EVENT_BUS_NAME = resources.eventBus.eventBusName;
    }
    if (uses.cursors) {
      // Read at run time (cached per container), never resolved into the environment: the key stays out of
      // GetFunctionConfiguration, and a rotated key reaches every function without a deploy.
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...CURSOR_KEY_ACTIONS], resources: [resources.cursorSigningKey.secretArn] }));
      environment.CURSOR_KEY_SECRET_ARN = resources.cursorSigningKey.secretArn;
    }
    return environment;
  }
}

/** The ARN of each GSI of a table, named one by one (no `/index/*` wildcard): queries reach exactly the indexes tables.ts declares. */
function indexArns(name: TableName, table: Table): string[] {
  return tableSpecs[name].indexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
}
