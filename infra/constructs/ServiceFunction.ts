import * as path from 'node:path';
import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnTable, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_BUNDLING } from '../functionBundling';
import { tableEnvVar } from '../../shared/adapters/dynamodb/tables';
import type { TableAccess, Uses } from '../../shared/routeTable';
import type { Auth } from './Auth';
import type { Mailer } from './Mailer';
import { isTableName, type Tables } from './Tables';

/** The repository root: handlers live in `<root>/functions/`, the lock file is `<root>/package-lock.json`. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * The DynamoDB actions of each kind of table access (`TableAccess` in the route table): Scan only for
 * a one-off backfill, no stream actions (no table has a stream), deletes only where a function deletes.
 */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: READ_ACTIONS,
  append: ['dynamodb:PutItem'],
  readWrite: WRITE_ACTIONS,
  readWriteDelete: [...WRITE_ACTIONS, 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  backfill: [...WRITE_ACTIONS, 'dynamodb:Scan', 'dynamodb:BatchWriteItem'],
};

/** Active tracing: the only actions granted on `*` (X-Ray has no resource-level permissions). */
const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** The stateful resources a function's `uses` can refer to. */
export interface SharedResources {
  readonly tables: Tables;
  readonly mailer: Mailer;
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
}

/**
 * One Lambda function of partnerdesk: nodejs22.x on arm64, bundled on its own as minified ESM with
 * module-first main fields and the AWS SDK inside (see PERFORMANCE.md), active tracing, its own
 * log group with a retention, and an own role that gets exactly what `uses` declares.
 *
 * @example
 * new ServiceFunction(this, 'getPartnerApplication', { handler: 'getPartnerApplication', uses, resources, environment, timeout });
 */
export class ServiceFunction extends Construct {
  /** The Lambda function. Grant to `role`: grants through the function (`grantX(fn)`, `addToRolePolicy`) are dropped. */
  public readonly function: NodejsFunction;
  /** Where the function logs. */
  public readonly logGroup: LogGroup;
  /** The execution role (logs, tracing and the grants from `uses`). */
  public readonly role: Role;
  /** The role's policy for active tracing: its `Resource::*` is the one acknowledged (cdk-nag IAM5). */
  public readonly tracingPolicy: Policy;

  public constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    // An own role instead of AWSLambdaBasicExecutionRole: writing to its own log group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);
    // Tracing gets a policy of its own, so that the wildcard acknowledgement below covers the X-Ray actions only:
    // any other statement on `*` lands in the role's default policy and fails the synth.
    this.tracingPolicy = new Policy(this, 'Tracing', {
      roles: [this.role],
      statements: [new PolicyStatement({ actions: TRACING_ACTIONS, resources: ['*'] })],
    });
    Validations.of(this.tracingPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions.',
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'functions', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // The function would add its tracing statement to the role's default policy; the `Tracing` policy above holds it.
      role: this.role.withoutPolicyUpdates(),
      environment: {
        ...props.environment,
        ...this.wireUses(props.uses, props.resources),
      },
      bundling: FUNCTION_BUNDLING,
    });

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
      const readsIndexes = access !== 'append';
      this.role.addToPrincipalPolicy(new PolicyStatement({
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn, ...(readsIndexes ? [`${table.tableArn}/index/*`] : [])],
      }));
      if (readsIndexes) this.acknowledgeIndexWildcard(table);
      environment[tableEnvVar(name)] = table.tableName;
    }
    if (uses.mail) {
      resources.mailer.grantSend(this.role);
      environment.MAIL_FROM = resources.mailer.senderEmail;
    }
    if (uses.accountDirectory) {
      resources.auth.grantAccountDirectory(this.role);
      environment.USER_POOL_ID = resources.auth.userPool.userPoolId;
    }
    if (uses.removesLogins) {
      resources.auth.grantLoginRemoval(this.role);
      environment.USER_POOL_ID = resources.auth.userPool.userPoolId;
    }
    if (uses.events) {
      resources.eventBus.grantPutEventsTo(this.role);
      environment.EVENT_BUS_NAME = resources.eventBus.eventBusName;
    }
    if (uses.cursors) {
      // A dynamic reference resolved by CloudFormation at deploy time: no Secrets Manager client (and call) in the bundle.
      environment.CURSOR_SIGNING_KEY = resources.cursorSigningKey.secretValue.unsafeUnwrap();
    }
    return environment;
  }

  /** The grant covers `<table ARN>/index/*` so that the function can query that table's GSIs (only for access that reads). */
  private acknowledgeIndexWildcard(table: Table): void {
    const cfnTable = table.node.defaultChild;
    if (!(cfnTable instanceof CfnTable)) return;
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(cfnTable)}.Arn>/index/*]`,
      reason:
        'Table grants that read add `<table ARN>/index/*` so that queries on the GSIs of this table, ' +
        'which `uses.tables` names, work; no other table is reachable.',
    });
  }
}

