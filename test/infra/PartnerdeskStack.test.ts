import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IConstruct } from 'constructs';
import { BILLING_WRITE_SCOPE } from '../../shared/http/Principal';
import { type KeyAttribute, type TableName, type TableSpec, tableEnvVar, tables } from '../../shared/adapters/dynamodb/tables';
import { jobs, queues, routes, streams, type TableAccess, triggers, type Uses } from '../../shared/routeTable';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/EventBridgePublisher';
import { PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { isTableName } from '../../infra/constructs/Tables';
import { API_GATEWAY_INTEGRATION_LIMIT, ROUTE_TIMEOUT, routeArea } from '../../infra/constructs/Api';
import { asSub, deployedFiles } from './consoleDeployment';
import { flattenedResources, logicalId, type TemplateResource } from './logicalId';
import { builtConsoleFixture, defaultStackSettings, stackEnv, stackSettings } from './stackSettings';

/** One IAM policy statement as CDK renders it. */
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** The actions of each table access: restated from the requirements, not imported from `ServiceFunction`. */
const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const TABLE_ACCESS_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: READ,
  append: ['dynamodb:PutItem'],
  readWrite: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  readWriteDelete: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  backfill: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'],
  get: ['dynamodb:GetItem'],
  getPut: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  appendReadBack: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
};
/** What the account directory may do to logins: restated from the requirements, not imported from `Auth`. */
const ACCOUNT_DIRECTORY_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'];
const LOGIN_REMOVAL_ACTIONS = ['cognito-idp:AdminDeleteUser'];
const LOGIN_CLOSING_ACTIONS = ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'];
const LOGIN_REOPENING_ACTIONS = ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminEnableUser'];

const tableSpecs: Readonly<Record<TableName, TableSpec>> = tables;
const awsTables = Object.keys(tableSpecs).filter(isTableName).filter((name) => !tableSpecs[name].localOnly);
const consoleOrigin = stackSettings.consoleOrigin ?? '';
/** The console's origin first, then the extra origins of the settings, trimmed. */
const configuredOrigins = [consoleOrigin, ...(stackSettings.allowedOrigins ?? '').split(',').map((origin) => origin.trim())];

/** Every function of the stack with what it declares. */
const functionSpecs: readonly { kind: 'route' | 'job' | 'trigger' | 'stream' | 'queue'; handler: string; uses: Uses }[] = [
  ...routes.map((route) => ({ kind: 'route' as const, handler: route.handler, uses: route.uses })),
  ...jobs.map((job) => ({ kind: 'job' as const, handler: job.handler, uses: job.uses })),
  ...triggers.map((trigger) => ({ kind: 'trigger' as const, handler: trigger.handler, uses: trigger.uses })),
  ...streams.map((stream) => ({ kind: 'stream' as const, handler: stream.handler, uses: stream.uses })),
  ...queues.map((queue) => ({ kind: 'queue' as const, handler: queue.handler, uses: queue.uses })),
];

/** Where each kind of function lives in the construct tree (routes by area, jobs and stream consumers in their nested stack), and how long it may run. */
const PLACE = {
  route: { construct: (handler: string) => `Api/${routeArea(routes.find((route) => route.handler === handler) ?? routes[0]!)}Routes`, timeout: ROUTE_TIMEOUT.toSeconds() },
  job: { construct: () => 'JobsStack/Jobs', timeout: 60 },
  trigger: { construct: () => 'ConsoleUsers', timeout: 3 },
  stream: { construct: () => 'JobsStack/Streams', timeout: 60 },
  queue: { construct: () => 'JobsStack/Queues', timeout: 60 },
} as const;

/** How many resources of a type the flattened template holds. */
function countOf(resources: Record<string, TemplateResource>, type: string): number {
  return Object.values(resources).filter((resource) => resource.Type === type).length;
}

describe('PartnerdeskStack', () => {
  let outdir: string;
  let consoleAssetDir: string;
  let stack: PartnerdeskStack;
  let resources: Record<string, TemplateResource>;
  let template: Template;

  beforeAll(() => {
    // The one synthesis of this file: bundles every handler with esbuild.
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-infra-'));
    consoleAssetDir = builtConsoleFixture();
    const app = new App({ outdir });
    stack = new PartnerdeskStack(app, 'PartnerdeskTest', { env: stackEnv, settings: stackSettings, consoleAssetDir });
    template = Template.fromStack(stack);
    resources = flattenedResources(stack);
  });

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(consoleAssetDir, { recursive: true, force: true });
  });

  const logicalIdOf = (construct: IConstruct) => logicalId(construct);

  function resourceOf(construct: IConstruct): TemplateResource {
    const resource = resources[logicalIdOf(construct)];
    if (!resource) throw new Error(`${construct.node.path} is not in the template`);
    return resource;
  }

  function functionOf(handler: string): NodejsFunction {
    const fn = stack.api.functions.get(handler) ?? stack.jobs.functions.get(handler) ?? stack.consoleUsers.functions.get(handler)
      ?? stack.streams.functions.get(handler) ?? stack.queues.functions.get(handler);
    if (!fn) throw new Error(`No function for handler ${handler}`);
    return fn;
  }

  function environmentOf(handler: string): Record<string, unknown> {
    return resourceOf(functionOf(handler)).Properties.Environment.Variables;
  }

  /** Statements of every policy attached to the function's role. */
  function statementsOf(handler: string): Statement[] {
    const [roleId] = resourceOf(functionOf(handler)).Properties.Role['Fn::GetAtt'] as [string];
    const roleRef = JSON.stringify({ Ref: roleId });
    return Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleRef))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  }

  function actionsOf(statement: Statement): string[] {
    return [statement.Action].flat();
  }

  /** Actions granted on each table (by logical name), from the function's policies. */
  function tableGrantsOf(handler: string): Map<TableName, Set<string>> {
    const grants = new Map<TableName, Set<string>>();
    for (const statement of statementsOf(handler)) {
      for (const name of awsTables) {
        const tableArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack.tables.table(name)), 'Arn'] });
        if (!JSON.stringify(statement.Resource).includes(tableArn)) continue;
        const actions = grants.get(name) ?? new Set<string>();
        actionsOf(statement).forEach((action) => actions.add(action));
        grants.set(name, actions);
      }
    }
    return grants;
  }

  function declaredTables(uses: Uses): [TableName, TableAccess][] {
    return Object.entries(uses.tables ?? {}).flatMap(([name, access]) =>
      isTableName(name) && access && !tableSpecs[name].localOnly ? [[name, access] as [TableName, TableAccess]] : [],
    );
  }

  describe('functions', () => {
    it('gives every route a timeout below API Gateway\'s 30 s integration limit (the bulk route included)', () => {
      expect(ROUTE_TIMEOUT.toSeconds()).toBeLessThan(API_GATEWAY_INTEGRATION_LIMIT.toSeconds());
      expect(resourceOf(functionOf('bulkClientOperation')).Properties.Timeout).toBe(ROUTE_TIMEOUT.toSeconds());
    });

    it('creates one Lambda function per route, job, trigger, stream and queue consumer, besides the console deployment provider', () => {
      expect(countOf(resources, 'AWS::Lambda::Function')).toBe(routes.length + jobs.length + triggers.length + streams.length + queues.length + 1);
    });

    it.each(functionSpecs)('runs $kind $handler on nodejs22.x, arm64, 512 MB, with active tracing', ({ kind, handler }) => {
      const fn = functionOf(handler);
      expect(fn.node.path).toBe(`${stack.node.id}/${PLACE[kind].construct(handler)}/${handler}/Function`);
      expect(resourceOf(fn).Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: PLACE[kind].timeout,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    });

    it.each(functionSpecs)('logs $handler to its own log group with a retention', ({ handler }) => {
      const loggingConfig = resourceOf(functionOf(handler)).Properties.LoggingConfig;
      const logGroup = resources[loggingConfig.LogGroup.Ref];
      expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup?.Properties.RetentionInDays).toEqual(expect.any(Number));
    });

    it.each(functionSpecs)('bundles $handler as ESM with the require banner, a source map and the AWS SDK inside', ({ handler, uses }) => {
      const s3Key: string = resourceOf(functionOf(handler)).Properties.Code.S3Key;
      const assetDir = path.join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
      const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
      expect(fs.existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
      if (declaredTables(uses).length > 0) expect(bundle).toContain('DynamoDB_20120810');
    });
  });

  describe('environment', () => {
    it.each(routes.map((route) => route.handler))('gives route %s the token issuer, CORS origins and settings', (handler) => {
      const auth = stack.auth;
      expect(environmentOf(handler)).toMatchObject({
        AUTH_JWKS_URL: stack.resolve(auth.jwksUrl),
        AUTH_ISSUER: stack.resolve(auth.issuer),
        AUTH_AUDIENCES: stack.resolve(auth.webClient.userPoolClientId),
        AUTH_MACHINE_CLIENTS: stack.resolve(auth.machineClient.userPoolClientId),
        AUTH_ALGORITHMS: 'RS256',
        ALLOWED_ORIGINS: configuredOrigins.join(','),
        POWERTOOLS_SERVICE_NAME: 'partnerdesk',
        PARTNER_DEPARTMENT_EMAIL: stackSettings.partnerDepartmentEmail,
        SUPPORT_EMAIL: stackSettings.supportEmail,
        CLOUD_NAME: 'Partnerdesk Test Cloud',
        BRAND_COLOR: '#0f766e',
        PUBLIC_BASE_URL: consoleOrigin,
      });
    });

    it.each(routes)('gives route $handler the console users\' token settings only if it takes their tokens ($auth)', ({ handler, auth }) => {
      const environment = environmentOf(handler);
      if (auth !== 'console') {
        expect(Object.keys(environment).filter((name) => name.startsWith('CONSOLE_'))).toEqual([]);
        return;
      }
      const pool = stack.consoleUsers.userPool;
      if (!pool || !stack.consoleUsers.webClient) throw new Error('the stack creates a console users\' pool by default');
      expect(environment).toMatchObject({
        CONSOLE_AUTH_ISSUER: stack.resolve(`https://cognito-idp.${stackEnv.region}.amazonaws.com/${pool.userPoolId}`),
        CONSOLE_AUTH_AUDIENCES: stack.resolve(stack.consoleUsers.webClient.userPoolClientId),
        CONSOLE_AUTH_ALGORITHMS: 'RS256',
        CONSOLE_ACCOUNT_CLAIM: 'custom:accountId',
      });
    });

    it('points AUTH_JWKS_URL and AUTH_ISSUER at the Cognito user pool of the stack region', () => {
      const [handler] = routes.map((route) => route.handler);
      const environment = JSON.stringify(environmentOf(handler ?? ''));
      expect(environment).toContain(`https://cognito-idp.${stackEnv.region}.amazonaws.com/`);
      expect(environment).toContain('/.well-known/jwks.json');
      expect(environment).toContain(JSON.stringify({ Ref: logicalIdOf(stack.auth.userPool) }));
    });

    it.each(jobs.map((job) => job.handler))('links mails of job %s to the console origin', (handler) => {
      expect(environmentOf(handler).PUBLIC_BASE_URL).toBe(consoleOrigin);
    });

    it.each(functionSpecs)('gives $handler exactly the variables its uses need', ({ handler, uses }) => {
      const environment = environmentOf(handler);
      const tableVariables = Object.keys(environment).filter((name) => name.startsWith('TABLE_'));
      const declared = declaredTables(uses);
      expect(tableVariables.sort()).toEqual(declared.map(([name]) => tableEnvVar(name)).sort());
      for (const [name] of declared) {
        expect(environment[tableEnvVar(name)]).toEqual(stack.resolve(stack.tables.table(name).tableName));
      }
      expect(environment.MAIL_FROM).toBe(uses.mail ? stackSettings.senderEmail : undefined);
      expect(environment.USER_POOL_ID).toEqual(uses.accountDirectory || uses.removesLogins || uses.closesLogins || uses.reopensLogins ? stack.resolve(stack.auth.userPool.userPoolId) : undefined);
      expect(environment.EVENT_BUS_NAME).toEqual(uses.events ? stack.resolve(stack.eventBus.eventBusName) : undefined);
      expect(environment.CURSOR_KEY_SECRET_ARN).toEqual(uses.cursors ? stack.resolve(stack.cursorSigningKey.secretArn) : undefined);
      expect(environment.CURSOR_SIGNING_KEY).toBeUndefined();
    });

    it('never puts the cursor key itself in a function\'s configuration: the listing routes get its ARN and read it at run time', () => {
      const listings = routes.filter((route) => route.uses.cursors).map((route) => route.handler).sort();
      expect(listings).toEqual(expect.arrayContaining(['listAudit', 'listClients', 'listPartnerApplications']));
      expect(JSON.stringify(resources)).not.toContain('{{resolve:secretsmanager:');
    });

    it.each(functionSpecs)('lets $handler read the cursor key (GetSecretValue on that secret alone) only if it uses cursors', ({ handler, uses }) => {
      const secretStatements = statementsOf(handler).filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
      expect(secretStatements.map((statement) => [actionsOf(statement), statement.Resource])).toEqual(
        uses.cursors ? [[['secretsmanager:GetSecretValue'], stack.resolve(stack.cursorSigningKey.secretArn)]] : [],
      );
    });
  });

  describe('least privilege', () => {
    it.each(functionSpecs)('grants $handler only the tables it uses, with exactly the actions of its access to each', ({ handler, uses }) => {
      const grants = tableGrantsOf(handler);
      const declared = declaredTables(uses);
      expect([...grants.keys()].sort()).toEqual(declared.map(([name]) => name).sort());
      for (const [name, access] of declared) {
        expect([name, [...(grants.get(name) ?? [])].sort()]).toEqual([name, [...TABLE_ACCESS_ACTIONS[access]].sort()]);
      }
    });

    it('grants Scan only to the one-off backfill and stream actions only to the stream consumers', () => {
      const scanning = functionSpecs.filter(({ handler }) => statementsOf(handler).flatMap(actionsOf).includes('dynamodb:Scan'));
      expect(scanning.map(({ handler }) => handler)).toEqual(['backfillClientSearch']);
      const reading = functionSpecs.filter(({ handler }) => statementsOf(handler).flatMap(actionsOf).some((action) => /^dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams|\*)$/.test(action)));
      expect(reading.map(({ handler }) => handler)).toEqual(streams.map((spec) => spec.handler));
    });

    it('keeps the audit trail append-only: writers may only put entries, never update or delete them', () => {
      for (const { handler, uses } of functionSpecs) {
        const audit = tableGrantsOf(handler).get('audit');
        if (!audit) continue;
        expect([handler, [...audit].filter((action) => WRITE_ACTIONS.includes(action))]).toEqual([handler, ['append', 'getPut', 'appendReadBack'].includes(uses.tables?.audit ?? '') ? ['dynamodb:PutItem'] : []]);
      }
    });

    it('lets every function that applies client operations read back the audit entries they wrote (resumed confirmations, lost races)', () => {
      // The client operation machinery (runClientOperation: bulk and single operations, budget blocks, partner endings)
      // writes clients with their follow-ups and reads its own audit entries back by key (BatchGetItem), which no local run checks.
      const applying = functionSpecs.filter(({ uses }) => uses.tables?.clientFollowUps === 'readWriteDelete' && uses.tables?.clients === 'readWriteDelete' && uses.tables?.audit);
      expect(applying.map(({ handler }) => handler)).toEqual(expect.arrayContaining(['blockClient', 'bulkClientOperation', 'postBillingEvents', 'finishPartnerEndings']));
      for (const { handler } of applying) {
        const audit = tableGrantsOf(handler).get('audit') ?? new Set<string>();
        expect([handler, ['dynamodb:GetItem', 'dynamodb:BatchGetItem'].filter((action) => !audit.has(action))]).toEqual([handler, []]);
      }
    });

    it('lets billing ingestion put and update ledger items but never delete one', () => {
      const ledger = tableGrantsOf('postBillingEvents').get('ledger') ?? new Set<string>();
      expect(ledger.has('dynamodb:PutItem') && ledger.has('dynamodb:UpdateItem')).toBe(true);
      expect([...ledger].filter((action) => ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'].includes(action))).toEqual([]);
    });

    it('grants actions on every resource (*) only for X-Ray tracing', () => {
      const wildcards = Object.values(resources)
        .filter((resource) => resource.Type === 'AWS::IAM::Policy')
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => [statement.Resource].flat().includes('*'));
      expect(wildcards.length).toBeGreaterThan(0);
      expect([...new Set(wildcards.flatMap(actionsOf))].sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    });

    it('gives a read-only route no write action at all', () => {
      const readOnly = routes.find((route) => {
        const declared = declaredTables(route.uses);
        return declared.length > 0 && declared.every(([, access]) => access === 'read');
      });
      expect(readOnly).toBeDefined();
      const actions = statementsOf(readOnly?.handler ?? '').flatMap(actionsOf);
      expect(actions).toContain('dynamodb:GetItem');
      expect(actions.filter((action) => WRITE_ACTIONS.includes(action) || action.startsWith('ses:'))).toEqual([]);
    });

    it.each(functionSpecs)('lets $handler send mail only if it uses mail, from the sender identity', ({ handler, uses }) => {
      const mailStatements = statementsOf(handler).filter((statement) => actionsOf(statement).includes('ses:SendEmail'));
      expect(mailStatements).toHaveLength(uses.mail ? 1 : 0);
      for (const statement of mailStatements) {
        expect(actionsOf(statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        const resourcesText = JSON.stringify(statement.Resource);
        expect(resourcesText).toContain(`:identity/${stackSettings.senderEmail}`);
        expect(resourcesText).toContain(`:configuration-set/${stack.mailer.configurationSetName}`);
      }
    });

    it.each(functionSpecs)('lets $handler create partner logins only if it uses the account directory, close them only if it closes logins', ({ handler, uses }) => {
      const cognitoStatements = statementsOf(handler).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('cognito-idp:')),
      );
      const expected = [...(uses.accountDirectory ? [ACCOUNT_DIRECTORY_ACTIONS] : []), ...(uses.removesLogins ? [LOGIN_REMOVAL_ACTIONS] : []),
        ...(uses.closesLogins ? [LOGIN_CLOSING_ACTIONS] : []), ...(uses.reopensLogins ? [LOGIN_REOPENING_ACTIONS] : [])];
      expect(cognitoStatements.map((statement) => actionsOf(statement).sort()).sort()).toEqual(expected.map((actions) => [...actions].sort()).sort());
      for (const statement of cognitoStatements) {
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.auth.userPool), 'Arn'] });
      }
    });

    it('lets only approval, its retrying job and the team\'s invitation create partner logins, and only the removal of a member delete one', () => {
      const allowed = (action: string) => functionSpecs.filter(({ handler }) => statementsOf(handler).flatMap(actionsOf).includes(action)).map(({ handler }) => handler).sort();
      expect(allowed('cognito-idp:AdminCreateUser')).toEqual(['approvePartnerApplication', 'escalateApplications', 'inviteTeamMember']);
      expect(allowed('cognito-idp:AdminDeleteUser')).toEqual(['removeTeamMember']);
    });

    it.each(functionSpecs)('lets $handler publish events only if it uses events', ({ handler, uses }) => {
      const actions = statementsOf(handler).flatMap(actionsOf);
      expect(actions.includes('events:PutEvents')).toBe(uses.events === true);
    });

    it('attaches no AWS managed policy to function roles', () => {
      const roles = Object.values(resources).filter(
        (resource) => resource.Type === 'AWS::IAM::Role' && JSON.stringify(resource.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'),
      );
      // Ours, and the role of CDK's own function that uploads the console.
      expect(roles.length).toBeGreaterThanOrEqual(routes.length + jobs.length + triggers.length + streams.length);
      expect(roles.flatMap((role) => role.Properties.ManagedPolicyArns ?? [])).toEqual([]);
    });
  });

  describe('console users', () => {
    const poolOf = () => {
      const pool = stack.consoleUsers.userPool;
      if (!pool) throw new Error('the stack creates a console users\' pool by default');
      return pool;
    };

    it('creates a pool of its own for console users, apart from the staff pool, open to sign-up', () => {
      expect(logicalIdOf(poolOf())).not.toBe(logicalIdOf(stack.auth.userPool));
      expect(resourceOf(poolOf()).Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        UsernameAttributes: ['email'],
      });
    });

    it('runs the sign-in gate at every sign-in and every token issue or refresh', () => {
      const gate = stack.consoleUsers.functions.get('consoleSignInGate');
      const claims = stack.consoleUsers.functions.get('consoleTokenClaims');
      if (!gate || !claims) throw new Error('trigger functions missing');
      expect(resourceOf(poolOf()).Properties.LambdaConfig).toEqual({
        PreAuthentication: { 'Fn::GetAtt': [logicalIdOf(gate), 'Arn'] },
        PreTokenGeneration: { 'Fn::GetAtt': [logicalIdOf(claims), 'Arn'] },
      });
      const permissions = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Permission'
        && resource.Properties.Principal === 'cognito-idp.amazonaws.com');
      expect(permissions.map((permission) => permission.Properties.FunctionName).sort()).toEqual(
        [{ 'Fn::GetAtt': [logicalIdOf(claims), 'Arn'] }, { 'Fn::GetAtt': [logicalIdOf(gate), 'Arn'] }].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
    });

    it('keeps console users\' tokens short-lived (a blocked session ends within 15 minutes) and signs in with code + PKCE', () => {
      const client = stack.consoleUsers.webClient;
      if (!client) throw new Error('console client missing');
      expect(resourceOf(client).Properties).toMatchObject({
        AccessTokenValidity: 15, IdTokenValidity: 15, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
        AllowedOAuthFlows: ['code'], GenerateSecret: false,
        CallbackURLs: [`${consoleOrigin}/auth/callback`],
      });
    });

    it('lets the gate read who owns which account and the serving client\'s status, and nothing else', () => {
      expect(Object.fromEntries([...tableGrantsOf('consoleSignInGate')].map(([name, actions]) => [name, actions.has('dynamodb:PutItem')])))
        .toEqual({ cloudAccounts: false, clients: false });
      for (const trigger of ['consoleSignInGate', 'consoleTokenClaims']) {
        expect(statementsOf(trigger).flatMap(actionsOf).filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
      }
    });
  });

  describe('tables', () => {
    const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute) => [
      { AttributeName: partitionKey.name, KeyType: 'HASH' },
      ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
    ];

    it('creates every table of tables.ts except the local-only stand-ins', () => {
      expect(countOf(resources, 'AWS::DynamoDB::Table')).toBe(awsTables.length);
    });

    it.each(awsTables)('creates %s on demand, with PITR and AWS-managed encryption, retained on delete', (name) => {
      const table = resourceOf(stack.tables.table(name));
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSEEnabled without a key id: KMS with the AWS-managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true },
      });
      expect(table.Properties.SSESpecification.KMSMasterKeyId).toBeUndefined();
    });

    it.each(awsTables)('gives %s the keys, GSIs and TTL of tables.ts', (name) => {
      const spec = tableSpecs[name];
      const properties = resourceOf(stack.tables.table(name)).Properties;
      expect(properties.KeySchema).toEqual(keySchema(spec.partitionKey, spec.sortKey));
      expect(properties.GlobalSecondaryIndexes ?? []).toEqual(
        spec.indexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
      for (const key of keys.filter((attribute) => attribute !== undefined)) {
        expect(properties.AttributeDefinitions).toContainEqual({ AttributeName: key.name, AttributeType: key.type });
      }
      expect(properties.TimeToLiveSpecification).toEqual(
        spec.timeToLiveAttribute ? { AttributeName: spec.timeToLiveAttribute, Enabled: true } : undefined,
      );
    });
  });

  describe('jobs', () => {
    it('gives a one-off task (no everyMinutes) no schedule', () => {
      for (const job of jobs.filter((each) => each.everyMinutes === undefined)) expect(stack.jobs.schedules.has(job.handler)).toBe(false);
      expect(jobs.some((job) => job.everyMinutes === undefined)).toBe(true);
    });

    it.each(jobs.filter((job) => job.everyMinutes !== undefined))('runs $handler on an EventBridge schedule every $everyMinutes minutes', ({ handler, everyMinutes }) => {
      const schedule = stack.jobs.schedules.get(handler);
      if (!schedule) throw new Error(`No schedule for ${handler}`);
      const rule = resourceOf(schedule);
      expect(rule.Type).toBe('AWS::Events::Rule');
      expect(rule.Properties.ScheduleExpression).toBe(`rate(${everyMinutes} ${everyMinutes === 1 ? 'minute' : 'minutes'})`);
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({ Arn: { 'Fn::GetAtt': [logicalIdOf(functionOf(handler)), 'Arn'] } }),
      ]);
    });

    it('schedules the escalation of untouched partner applications', () => {
      expect(jobs.map((job) => job.handler)).toContain('escalateApplications');
      expect(stack.jobs.schedules.has('escalateApplications')).toBe(true);
    });
  });

  describe('change streams', () => {
    it('gives the clients table a stream with the item before and after each change', () => {
      expect(resourceOf(stack.tables.table('clients')).Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    });

    it.each(streams)('feeds $handler from the $table stream: batched, bisected on error, retried, then to its failure queue; client items only', (spec) => {
      const mapping = resourceOf(stack.streams.mappings.get(spec.handler)!);
      const queue = stack.streams.failureQueues.get(spec.handler)!;
      expect(mapping.Properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.tables.table(spec.table)), 'StreamArn'] },
        FunctionName: { Ref: logicalIdOf(functionOf(spec.handler)) },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] } } },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: [{ prefix: spec.sortKeyPrefix }] } } } }) }] },
      });
      // Explicit grants on the role: reading this stream only, sending to its own failure queue.
      const statements = statementsOf(spec.handler);
      const streamArn = { 'Fn::GetAtt': [logicalIdOf(stack.tables.table(spec.table)), 'StreamArn'] };
      expect(statements).toContainEqual(expect.objectContaining({
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: streamArn,
      }));
      expect(statements.filter((statement) => actionsOf(statement).includes('sqs:SendMessage')).map((statement) => statement.Resource))
        .toEqual([{ 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] }]);
      expect((mapping as { DependsOn?: string[] }).DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/indexClientsRole/)]));
    });

    it('alarms when a consumer falls a minute behind its stream, and when it gives up on a record', () => {
      const alarms = Object.values(resources).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
      for (const spec of streams) {
        const fn = { Ref: logicalIdOf(functionOf(spec.handler)) };
        expect(alarms).toContainEqual(expect.objectContaining({ Properties: expect.objectContaining({
          MetricName: 'IteratorAge', Namespace: 'AWS/Lambda', Statistic: 'Maximum', Threshold: 60_000,
          Dimensions: [{ Name: 'FunctionName', Value: fn }],
        }) }));
        expect(alarms).toContainEqual(expect.objectContaining({ Properties: expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0,
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack.streams.failureQueues.get(spec.handler)!), 'QueueName'] } }],
        }) }));
      }
    });
  });

  describe('queues fed by the event bus (issue 33)', () => {
    it.each(queues)('sends $handler its event types from the bus through an encrypted, TLS-only queue with a DLQ', (spec) => {
      const queue = stack.queues.queues.get(spec.handler)!;
      const deadLetters = stack.queues.deadLetterQueues.get(spec.handler)!;
      expect(resourceOf(queue).Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        // AWS: a visibility timeout of at least 6x the function's timeout (60 s).
        VisibilityTimeout: 360,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(deadLetters), 'Arn'] }, maxReceiveCount: 5 },
      });
      expect(resourceOf(deadLetters).Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] };
      const rules = Object.values(resources).filter((resource) => resource.Type === 'AWS::Events::Rule'
        && JSON.stringify(resource.Properties.Targets ?? []).includes(JSON.stringify(queueArn)));
      expect(rules).toHaveLength(1);
      expect(rules[0]!.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], 'detail-type': [...spec.eventTypes] });
      // The queue policy lets EventBridge send (this rule only), and refuses every request without TLS.
      const policies = Object.values(resources).filter((resource) => resource.Type === 'AWS::SQS::QueuePolicy'
        && JSON.stringify(resource.Properties.Queues).includes(logicalIdOf(queue)));
      const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as (Statement & { Principal?: unknown; Condition?: unknown })[]);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: expect.arrayContaining(['sqs:SendMessage']), Principal: { Service: 'events.amazonaws.com' } }));
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    });

    it.each(queues)('feeds $handler from its queue in batches of 10, reporting failed messages alone; its role consumes and sends to that queue only', (spec) => {
      const queue = stack.queues.queues.get(spec.handler)!;
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] };
      const mappings = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping'
        && JSON.stringify(resource.Properties.EventSourceArn) === JSON.stringify(queueArn));
      expect(mappings).toHaveLength(1);
      expect(mappings[0]!.Properties).toMatchObject({
        FunctionName: { Ref: logicalIdOf(functionOf(spec.handler)) }, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const statements = statementsOf(spec.handler).filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));
      expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:SendMessage']));
      expect(new Set(statements.map((statement) => JSON.stringify(statement.Resource)))).toEqual(new Set([JSON.stringify(queueArn)]));
      expect(environmentOf(spec.handler)[spec.queueUrlVariable]).toEqual({ Ref: logicalIdOf(queue) });
    });

    it('alarms when a dead-letter queue holds a message, and when a queue\'s oldest message is older than 30 minutes', () => {
      const alarms = Object.values(resources).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
      for (const spec of queues) {
        const queueName = (construct: IConstruct) => [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(construct), 'QueueName'] } }];
        expect(alarms).toContainEqual(expect.objectContaining({ Properties: expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, Dimensions: queueName(stack.queues.deadLetterQueues.get(spec.handler)!),
        }) }));
        expect(alarms).toContainEqual(expect.objectContaining({ Properties: expect.objectContaining({
          MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 1800, Dimensions: queueName(stack.queues.queues.get(spec.handler)!),
        }) }));
      }
    });
  });

  describe('HTTP API', () => {
    it('allows exactly the console origin and the extra origins of the settings', () => {
      const api = resourceOf(stack.api.httpApi);
      expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual(configuredOrigins);
      expect(api.Properties.CorsConfiguration.AllowHeaders).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
      );
      // A browser script can read the request id a partner quotes to support.
      expect(api.Properties.CorsConfiguration.ExposeHeaders).toContain('x-request-id');
    });

    it('has one route per entry of the route table', () => {
      expect(countOf(resources, 'AWS::ApiGatewayV2::Route')).toBe(routes.length);
    });

    it.each(routes)('routes $method $path to the $handler function without an API Gateway authorizer', ({ method, path: routePath, handler }) => {
      const route = Object.values(resources).find(
        (resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === `${method} ${routePath}`,
      );
      expect(route?.Properties.AuthorizationType).toBe('NONE');
      const integrationId = JSON.stringify(route?.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      expect(resources[integrationId]?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [logicalIdOf(functionOf(handler)), 'Arn'],
      });
    });

    it('throttles the $default stage and writes JSON access logs to a log group with retention', () => {
      const stage = resourceOf(stack.api.stage);
      expect(stage.Properties.StageName).toBe('$default');
      expect(stage.Properties.DefaultRouteSettings).toEqual({
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      });
      expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({
        'Fn::GetAtt': [logicalIdOf(stack.api.accessLogs), 'Arn'],
      });
      expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId' });
      expect(resourceOf(stack.api.accessLogs).Properties.RetentionInDays).toEqual(expect.any(Number));
    });

    it('logs the route key, never the path (paths of invitation links carry their tokens)', () => {
      const format = String(resourceOf(stack.api.stage).Properties.AccessLogSettings.Format);
      expect(JSON.parse(format)).toMatchObject({ routeKey: '$context.routeKey' });
      expect(format).not.toMatch(/\$context\.(path|resourcePath)\b/);
    });
  });

  describe('auth', () => {
    it('signs people in by e-mail, with the custom attributes role and partnerId writable by the API', () => {
      const pool = resourceOf(stack.auth.userPool).Properties;
      expect(pool.UsernameAttributes).toEqual(['email']);
      // Cognito has no per-group MFA: prod requires TOTP of managers and partners alike (docs/decisions.md, issue 25).
      expect(pool.MfaConfiguration).toBe('ON');
      expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(pool.Schema).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Name: 'role', AttributeDataType: 'String', Mutable: true }),
          expect.objectContaining({ Name: 'partnerId', AttributeDataType: 'String', Mutable: true }),
        ]),
      );
    });

    it('lets web console users read role and partnerId in their ID tokens but never write them', () => {
      const web = resourceOf(stack.auth.webClient).Properties;
      expect(web.ReadAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:partnerId', 'email']));
      expect(web.WriteAttributes).toEqual(expect.any(Array));
      expect(web.WriteAttributes).not.toContain('custom:role');
      expect(web.WriteAttributes).not.toContain('custom:partnerId');
      expect(web.GenerateSecret).toBe(false);
      expect(web.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
      // The password never leaves the browser.
      expect(web.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    });

    it('lets the web console sign in through the managed login with the code flow only, back to the console origin', () => {
      const web = resourceOf(stack.auth.webClient).Properties;
      expect(web.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(web.AllowedOAuthFlows).toEqual(['code']);
      expect([...web.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
      expect(web.CallbackURLs).toEqual([`${consoleOrigin}/auth/callback`]);
      expect(web.LogoutURLs).toEqual([`${consoleOrigin}/`]);
      expect(web.SupportedIdentityProviders).toEqual(['COGNITO']);
      expect(web.IdTokenValidity).toBe(60);
      expect(web.AccessTokenValidity).toBe(60);
    });

    it('gives billing ingestion a client-credentials client with the billing.write scope the API checks', () => {
      const machine = resourceOf(stack.auth.machineClient).Properties;
      expect(machine.GenerateSecret).toBe(true);
      expect(machine.AllowedOAuthFlows).toEqual(['client_credentials']);
      // No user can sign in through it, so no user can change attributes through it either.
      expect(machine.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
      // No attribute at all (the default would be every attribute, custom:role included).
      expect([machine.ReadAttributes, machine.WriteAttributes]).toEqual([[], []]);
      const server = resourceOf(stack.auth.resourceServer).Properties;
      const scopeNames: string[] = server.Scopes.map((scope: { ScopeName: string }) => scope.ScopeName);
      expect(scopeNames.map((name) => `${server.Identifier}/${name}`)).toEqual([BILLING_WRITE_SCOPE]);
      expect(machine.AllowedOAuthScopes).toEqual(
        scopeNames.map((name) => ({ 'Fn::Join': ['', [{ Ref: logicalIdOf(stack.auth.resourceServer) }, `/${name}`]] })),
      );
    });

    it('has a hosted domain for the token endpoint', () => {
      expect(resourceOf(stack.auth.domain).Properties.Domain).toBe(stackSettings.authDomainPrefix);
    });
  });

  describe('web console', () => {
    const apiEndpoint = () => asSub(stack.resolve(stack.api.httpApi.apiEndpoint));
    const staffDomain = `https://${stackSettings.authDomainPrefix}.auth.${stackEnv.region}.amazoncognito.com`;
    const consoleUsersDomain = `https://${stackSettings.authDomainPrefix}-console.auth.${stackEnv.region}.amazoncognito.com`;

    it('serves the console on the consoleOrigin host with its certificate', () => {
      const config = resourceOf(stack.console.distribution).Properties.DistributionConfig;
      expect(config.Aliases).toEqual([new URL(consoleOrigin).hostname]);
      expect(config.ViewerCertificate.AcmCertificateArn).toBe(stackSettings.consoleCertificateArn);
      expect(stack.consoleOrigin).toBe(consoleOrigin);
      expect(template.toJSON().Outputs.ConsoleUrl.Value).toBe(consoleOrigin);
    });

    it("writes config.json with the stack's API URL and both pools' domains and console clients", () => {
      const { domain, webClient } = stack.consoleUsers;
      if (!domain || !webClient) throw new Error('the stack creates a console users\' pool by default');
      const config = JSON.parse(deployedFiles(resources, outdir).get('config.json') ?? 'null');
      expect(config).toEqual({
        apiUrl: apiEndpoint(),
        auth: {
          mode: 'cognito',
          staff: { domain: staffDomain, clientId: `\${${logicalIdOf(stack.auth.webClient)}}` },
          console: { domain: consoleUsersDomain, clientId: `\${${logicalIdOf(webClient)}}` },
        },
      });
      expect(config.apiUrl).toBe(`\${${logicalIdOf(stack.api.httpApi)}.ApiEndpoint}`);
      // The same origins as the domain resources give, written without a reference to them.
      expect(asSub(stack.resolve(stack.auth.domain.baseUrl()))).toBe(`https://\${${logicalIdOf(stack.auth.domain)}}.auth.${stackEnv.region}.amazoncognito.com`);
      expect(resourceOf(stack.auth.domain).Properties.Domain).toBe(stackSettings.authDomainPrefix);
      expect(resourceOf(domain).Properties.Domain).toBe(`${stackSettings.authDomainPrefix}-console`);
    });

    it("lets the console connect to the API's exact origin (index.html) and to the sign-in domains (header)", () => {
      const html = deployedFiles(resources, outdir).get('index.html') ?? '';
      expect(html).toContain(`content="connect-src 'self' ${apiEndpoint()} ${staffDomain} ${consoleUsersDomain}">`);
      const headers = Object.values(resources).find((resource) => resource.Type === 'AWS::CloudFront::ResponseHeadersPolicy');
      const policy = JSON.stringify(headers?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
      expect(policy).toContain(`connect-src 'self' https://*.execute-api.eu-central-1.`);
      expect(policy).toContain(` ${staffDomain} ${consoleUsersDomain}; `);
    });
  });

  describe('with the default settings (no custom console domain, no extra origins)', () => {
    let defaultStack: PartnerdeskStack;
    let defaultResources: Record<string, TemplateResource>;
    let distributionDomain: unknown;
    let distributionOrigin: unknown;

    beforeAll(() => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      defaultStack = new PartnerdeskStack(app, 'PartnerdeskDefault', { env: stackEnv, settings: defaultStackSettings, consoleAssetDir });
      defaultResources = flattenedResources(defaultStack);
      distributionDomain = { 'Fn::GetAtt': [logicalId(defaultStack.console.distribution), 'DomainName'] };
      distributionOrigin = { 'Fn::Join': ['', ['https://', distributionDomain]] };
    });

    function defaultResourceOf(construct: IConstruct): TemplateResource {
      const resource = defaultResources[logicalId(construct)];
      if (!resource) throw new Error(`${construct.node.path} is not in the template`);
      return resource;
    }

    it("uses the distribution's own https://<id>.cloudfront.net as the console origin", () => {
      expect(defaultStack.resolve(defaultStack.consoleOrigin)).toEqual(distributionOrigin);
      expect(defaultResourceOf(defaultStack.console.distribution).Properties.DistributionConfig.Aliases).toBeUndefined();
    });

    it.each(functionSpecs)('links mails of $handler to the console origin (PUBLIC_BASE_URL)', ({ handler }) => {
      const fn = defaultStack.api.functions.get(handler) ?? defaultStack.jobs.functions.get(handler) ?? defaultStack.consoleUsers.functions.get(handler)
        ?? defaultStack.streams.functions.get(handler) ?? defaultStack.queues.functions.get(handler);
      if (!fn) throw new Error(`No function for handler ${handler}`);
      expect(defaultResourceOf(fn).Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(distributionOrigin);
    });

    it('allows the console origin alone in CORS', () => {
      expect(defaultResourceOf(defaultStack.api.httpApi).Properties.CorsConfiguration.AllowOrigins).toEqual([distributionOrigin]);
      const [handler] = routes.map((route) => route.handler);
      const fn = defaultStack.api.functions.get(handler ?? '');
      if (!fn) throw new Error('No route function');
      expect(defaultResourceOf(fn).Properties.Environment.Variables.ALLOWED_ORIGINS).toEqual(distributionOrigin);
    });

    it("sends the staff's and the console users' sign-in back to the console origin", () => {
      const consoleClient = defaultStack.consoleUsers.webClient;
      if (!consoleClient) throw new Error('the stack creates a console users\' pool by default');
      for (const client of [defaultStack.auth.webClient, consoleClient]) {
        const web = defaultResourceOf(client).Properties;
        expect(web.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain, '/auth/callback']] }]);
        expect(web.LogoutURLs).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain, '/']] }]);
      }
    });

    it('is deployable: the API and the web client name the distribution, and nothing the distribution depends on names them', () => {
      // Template.fromStack refuses a template whose resources depend on each other in a cycle.
      expect(() => Template.fromStack(defaultStack)).not.toThrow();
    });
  });

  describe('settings', () => {
    const build = (settings: typeof stackSettings, assetDir = consoleAssetDir) => () =>
      new PartnerdeskStack(new App(), 'PartnerdeskSettings', { env: stackEnv, settings, consoleAssetDir: assetDir });

    it.each(['http://console.partnerdesk.test', 'https://console.partnerdesk.test/app', 'console.partnerdesk.test'])(
      'refuses consoleOrigin %s, which is not an https origin',
      (origin) => {
        expect(build({ ...stackSettings, consoleOrigin: origin })).toThrow('consoleOrigin must be an https origin without a path');
      },
    );

    it('refuses consoleOrigin without the certificate of its host', () => {
      expect(build({ ...stackSettings, consoleCertificateArn: undefined })).toThrow('consoleOrigin needs consoleCertificateArn');
    });

    it.each(['red', '#fff', '#0f766e;background:url(x)'])('refuses brandColor %s, which is not #rrggbb (it goes into the mails\' style attributes)', (brandColor) => {
      expect(build({ ...stackSettings, brandColor })).toThrow('brandColor must be a colour written #rrggbb');
    });

    it('stops before bundling anything when the web console has not been built', () => {
      const missing = path.join(outdir, 'web-not-built');
      expect(build(stackSettings, missing)).toThrow(`${path.join(missing, 'index.html')} does not exist. Run \`npm run build:web\` first.`);
    });
  });

  describe('mail and events', () => {
    it('sends through the mail stack\'s identity and the configuration set named after the stack, without creating either', () => {
      expect(stack.mailer.configurationSetName).toBe(Stack.of(stack).stackName.toLowerCase());
      expect(countOf(resources, 'AWS::SES::EmailIdentity') + countOf(resources, 'AWS::SES::ConfigurationSet')).toBe(0);
    });

    it('has one custom event bus for domain events', () => {
      expect(countOf(resources, 'AWS::Events::EventBus')).toBe(1);
    });
  });
});
