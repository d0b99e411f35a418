import * as fs from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { routes, triggers } from '../../shared/routeTable';
import { DEFAULT_PUBLIC_ROUTE_THROTTLE, PUBLIC_ROUTE_THROTTLES, routeArea, routeKey, STAGE_THROTTLE } from '../../infra/constructs/Api';
import { type PartnerdeskSettings, PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { TRIGGER_RESERVED_CONCURRENCY } from '../../infra/StagePolicy';
import { inventoryOf, monthlyCost } from '../../infra/cost/CostModel';
import { STATED_SCALE } from '../../infra/cost/usage';
import { flattenedResources, logicalId, nestedStacksOf, type TemplateResource } from './logicalId';
import { builtConsoleFixture, defaultStackSettings, stackEnv, stackSettings } from './stackSettings';

/**
 * What AWS checks when the stack is first created, held on the synthesized templates (bundling
 * skipped: the rules read templates, not code). One synth per case of this file.
 */

/** CloudFormation refuses a template with more than 500 resources (CloudFormation quotas, "Resources"). */
const CLOUDFORMATION_RESOURCE_LIMIT = 500;
/** Where a stack must stay so that a round of new routes still fits: 100 below the limit. */
const STACK_RESOURCE_CEILING = 400;
/** What the root stack holds today with every feature (issue 25); it grows only with shared resources, never with routes. */
const ROOT_RESOURCE_TARGET = 330;
/** Routes a round of work may add (issue 25 counted 25–30). */
const ROUND_OF_ROUTES = 30;
/** Alarms the monitoring stack adds for each function: errors, throttles, duration. */
const ALARMS_PER_FUNCTION = 3;

const consoleAssetDir = builtConsoleFixture();
afterAll(() => fs.rmSync(consoleAssetDir, { recursive: true, force: true }));

function synth(settings: PartnerdeskSettings, extra: { probe?: (stack: PartnerdeskStack) => void } = {}): PartnerdeskStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PartnerdeskStack(app, 'PartnerdeskDeploy', { env: stackEnv, settings, consoleAssetDir });
  extra.probe?.(stack);
  return stack;
}

/** Resource count of every template the stack deploys: its own and each nested stack's, by path. */
function resourceCounts(stack: PartnerdeskStack): Map<string, number> {
  const stacks: Stack[] = [stack, ...nestedStacksOf(stack)];
  return new Map(stacks.map((each) => [each.node.path, Object.keys(Template.fromStack(each).toJSON().Resources).length]));
}

function expectEveryStackBelowCeiling(counts: ReadonlyMap<string, number>): void {
  for (const [stackPath, count] of counts) {
    if (count > STACK_RESOURCE_CEILING) {
      throw new Error(
        `${stackPath} has ${count} resources: CloudFormation refuses a template above ${CLOUDFORMATION_RESOURCE_LIMIT}, and a stack above ` +
          `${STACK_RESOURCE_CEILING} leaves no room for the next round of routes. Move a group of resources into a nested stack ` +
          '(routes are grouped by area, see routeArea in infra/constructs/Api.ts).',
      );
    }
  }
}

/** The policies attached to a role, by logical id. */
function policiesOfRole(resources: Record<string, TemplateResource>, roleId: string): [string, TemplateResource][] {
  const roleRef = JSON.stringify({ Ref: roleId });
  return Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(roleRef));
}

function roleIdOf(fn: TemplateResource): string {
  return (fn.Properties.Role['Fn::GetAtt'] as [string])[0];
}

/** Every statement the function's role holds. */
function statementsOfFunction(resources: Record<string, TemplateResource>, fn: TemplateResource): { Action: string | string[]; Resource: unknown }[] {
  return policiesOfRole(resources, roleIdOf(fn)).flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}

/** Whether a statement of the function's role allows the action on the resource (as it appears in the template). */
function allows(resources: Record<string, TemplateResource>, fn: TemplateResource, action: string, resource: unknown): boolean {
  return statementsOfFunction(resources, fn).some((statement) =>
    [statement.Action].flat().includes(action) && [statement.Resource].flat().some((each) => JSON.stringify(each) === JSON.stringify(resource)));
}

/** Lambda resources that make Lambda check the function's permissions: destinations and event sources. */
function expectEveryDestinationAndSourceGranted(resources: Record<string, TemplateResource>): number {
  let checked = 0;
  const functionOf = (name: unknown): TemplateResource => {
    const id = JSON.stringify(name).match(/"(?:Ref|Fn::GetAtt)":\[?"([^"]+)"/)?.[1] ?? '';
    const fn = resources[id];
    if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${JSON.stringify(name)} names no function of the stack`);
    return fn;
  };
  for (const [id, config] of Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::EventInvokeConfig')) {
    const fn = functionOf(config.Properties.FunctionName);
    for (const destination of [config.Properties.DestinationConfig?.OnFailure, config.Properties.DestinationConfig?.OnSuccess].filter(Boolean)) {
      // Lambda checks a destination's permission when it creates the invoke config (InvalidParameterValueException).
      expect([id, allows(resources, fn, 'sqs:SendMessage', destination.Destination)]).toEqual([id, true]);
      checked += 1;
    }
  }
  for (const [id, mapping] of Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::EventSourceMapping')) {
    const fn = functionOf(mapping.Properties.FunctionName);
    // A DynamoDB stream is read with GetRecords (and its failed records sent to the failure queue), a queue with ReceiveMessage.
    const fromStream = JSON.stringify(mapping.Properties.EventSourceArn).includes('StreamArn');
    expect([id, allows(resources, fn, fromStream ? 'dynamodb:GetRecords' : 'sqs:ReceiveMessage', mapping.Properties.EventSourceArn)]).toEqual([id, true]);
    const onFailure = mapping.Properties.DestinationConfig?.OnFailure?.Destination;
    if (onFailure) expect([id, allows(resources, fn, 'sqs:SendMessage', onFailure)]).toEqual([id, true]);
    checked += 1;
  }
  return checked;
}

describe('the prod stack, as a first deploy creates it', () => {
  const stack = synth(stackSettings);
  const resources = flattenedResources(stack);
  const functions = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function');

  describe('stays far below CloudFormation\'s 500 resources a stack', () => {
    const counts = resourceCounts(stack);

    it(`keeps the root stack at ${ROOT_RESOURCE_TARGET} resources or fewer`, () => {
      expect(counts.get(stack.node.path)).toBeLessThanOrEqual(ROOT_RESOURCE_TARGET);
    });

    it(`keeps every stack, nested ones included, at ${STACK_RESOURCE_CEILING} or fewer`, () => {
      expect(counts.size).toBeGreaterThan(1);
      expectEveryStackBelowCeiling(counts);
    });

    it('holds no per-route resource in the root stack: routes and their functions live in the nested stack of their area', () => {
      const root = Template.fromStack(stack).toJSON().Resources as Record<string, TemplateResource>;
      const types = Object.values(root).map((resource) => resource.Type);
      expect(types.filter((type) => type === 'AWS::ApiGatewayV2::Route' || type === 'AWS::ApiGatewayV2::Integration')).toEqual([]);
      // The two sign-in triggers (Cognito names them) and the console upload's provider.
      expect(types.filter((type) => type === 'AWS::Lambda::Function')).toHaveLength(triggers.length + 1);
    });

    it(`keeps every stack at ${STACK_RESOURCE_CEILING} or fewer when a round adds ${ROUND_OF_ROUTES} routes, even all in one area`, () => {
      const areas = [...stack.api.areaStacks].map(([area, nested]) => ({
        count: counts.get(nested.node.path) ?? 0,
        routes: routes.filter((route) => routeArea(route) === area).length,
      }));
      const perRoute = Math.max(...areas.map((area) => area.count / area.routes));
      expect(perRoute).toBeLessThanOrEqual(8);
      const largestArea = Math.max(...areas.map((area) => area.count));
      expect(largestArea + ROUND_OF_ROUTES * perRoute).toBeLessThanOrEqual(STACK_RESOURCE_CEILING);
      // Each new function brings its errors, throttles and duration alarms to the monitoring stack.
      const monitoring = counts.get(stack.nestedStacks.monitoring.node.path) ?? 0;
      expect(monitoring + ROUND_OF_ROUTES * ALARMS_PER_FUNCTION).toBeLessThanOrEqual(STACK_RESOURCE_CEILING);
    });

    it('passes at most 200 parameters into any template and takes at most 200 outputs out (CloudFormation quotas), with room for a round of routes', () => {
      for (const each of [stack, ...nestedStacksOf(stack)]) {
        const template = Template.fromStack(each).toJSON() as { Parameters?: object; Outputs?: object };
        // A new function adds one output to its area's stack and one parameter (its name) to the monitoring stack.
        expect(Object.keys(template.Parameters ?? {}).length + ROUND_OF_ROUTES).toBeLessThanOrEqual(200);
        expect(Object.keys(template.Outputs ?? {}).length + ROUND_OF_ROUTES).toBeLessThanOrEqual(200);
      }
    });

    it('fails with the reason when a stack grows above the ceiling', () => {
      expect(() => expectEveryStackBelowCeiling(new Map([['Partnerdesk-prod', 401]]))).toThrow(/CloudFormation refuses a template above 500/);
    });
  });

  describe('grants', () => {
    it('gives every function a role of its own that takes grants (never an immutable role that drops them)', () => {
      const ours = [...stack.api.functions.values(), ...stack.jobs.functions.values(), ...stack.consoleUsers.functions.values()];
      expect(ours.length).toBe(routes.length + triggers.length + stack.jobs.functions.size);
      for (const fn of ours) expect([fn.node.path, fn.role instanceof Role]).toEqual([fn.node.path, true]);
    });

    it('grants sqs:SendMessage on every job\'s failure destination to that job\'s function', () => {
      expect(expectEveryDestinationAndSourceGranted(resources)).toBe(stack.jobs.deadLetterQueues.size + stack.streams.mappings.size + stack.queues.queues.size);
    });

    it.each(functions.map(([id]) => id))('creates %s after every policy of its role (Lambda checks tracing and destinations at create)', (id) => {
      const fn = resources[id];
      if (!fn) throw new Error(`${id} missing`);
      const policies = policiesOfRole(resources, roleIdOf(fn)).map(([policyId]) => policyId);
      expect(policies.length).toBeGreaterThan(0);
      expect([fn.DependsOn].flat()).toEqual(expect.arrayContaining(policies));
    });

    it.each(functions.map(([id]) => id))('holds X-Ray rights in the role policy %s depends on, as its only actions on "*"', (id) => {
      const fn = resources[id];
      if (!fn) throw new Error(`${id} missing`);
      const wildcard = statementsOfFunction(resources, fn).filter((statement) => [statement.Resource].flat().includes('*'));
      if (fn.Properties.TracingConfig?.Mode !== 'Active') return;
      expect(wildcard.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    });
  });

  describe('throttling', () => {
    const stage = resources[logicalId(stack.api.stage)]?.Properties ?? {};

    it('sizes the stage default from the stated scale', () => {
      expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: STAGE_THROTTLE.rateLimit, ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit });
    });

    it('gives every public route (form, invitation page, OpenAPI document) a lower limit of its own, and no other route one', () => {
      const publicRoutes = routes.filter((route) => route.auth === 'public');
      expect(publicRoutes.map((route) => route.handler)).toEqual(expect.arrayContaining(['createPartnerApplication', 'viewInvitation', 'getOpenApiDocument']));
      expect(Object.keys(stage.RouteSettings).sort()).toEqual(publicRoutes.map(routeKey).sort());
      for (const route of publicRoutes) {
        const limit = PUBLIC_ROUTE_THROTTLES[route.handler] ?? DEFAULT_PUBLIC_ROUTE_THROTTLE;
        expect(stage.RouteSettings[routeKey(route)]).toEqual({ ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit });
        expect(limit.rateLimit).toBeLessThan(STAGE_THROTTLE.rateLimit ?? 0);
      }
      expect(Object.keys(PUBLIC_ROUTE_THROTTLES).filter((handler) => !publicRoutes.some((route) => route.handler === handler))).toEqual([]);
    });

    it('updates the stage after the routes its settings name exist', () => {
      const areaStacks = [...stack.api.areaStacks.values()].map((nested) => logicalId(nested.nestedStackResource ?? nested));
      expect([resources[logicalId(stack.api.stage)]?.DependsOn].flat()).toEqual(expect.arrayContaining(areaStacks));
    });
  });

  describe('sign-in triggers', () => {
    it.each(triggers.map((trigger) => trigger.handler))('gives %s reserved concurrency and at most 3 s (Cognito waits 5 s)', (handler) => {
      const fn = resources[logicalId(stack.consoleUsers.functions.get(handler) ?? stack)]?.Properties ?? {};
      expect(fn.ReservedConcurrentExecutions).toBe(TRIGGER_RESERVED_CONCURRENCY);
      expect(fn.Timeout).toBeLessThanOrEqual(3);
    });
  });

  describe('user pools', () => {
    const pools = [stack.auth.userPool, stack.consoleUsers.userPool].map((pool) => resources[logicalId(pool ?? stack)]?.Properties ?? {});

    it('send every mail of both pools through the stack\'s SES identity and configuration set, not Cognito\'s own sender', () => {
      expect(pools).toHaveLength(2);
      for (const pool of pools) {
        expect(pool.EmailConfiguration).toEqual({
          EmailSendingAccount: 'DEVELOPER',
          From: `partnerdesk <${stackSettings.senderEmail}>`,
          SourceArn: expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([`:identity/${stackSettings.senderEmail}`])] }),
          ConfigurationSet: stack.mailer.configurationSetName,
        });
      }
    });

    it('puts the console users\' pool on the Lite plan and keeps Plus for the staff pool', () => {
      expect(pools.map((pool) => pool.UserPoolTier)).toEqual(['PLUS', 'LITE']);
    });
  });

  it('names the CloudFront policies, which are global to the account, with the stack\'s region', () => {
    const named = Object.values(resources).flatMap((resource) => {
      if (resource.Type === 'AWS::CloudFront::ResponseHeadersPolicy') return [resource.Properties.ResponseHeadersPolicyConfig.Name];
      if (resource.Type === 'AWS::CloudFront::OriginAccessControl') return [resource.Properties.OriginAccessControlConfig.Name];
      if (resource.Type === 'AWS::CloudFront::Function') return [resource.Properties.Name];
      return [];
    });
    expect(named).toHaveLength(3);
    for (const name of named) expect(JSON.stringify(name)).toContain(stackEnv.region);
  });

  it('costs at most $450 a month at the stated scale (npm run cost), the console users\' pool on Lite', () => {
    const lines = monthlyCost(inventoryOf([resources]), STATED_SCALE);
    expect(lines.reduce((total, line) => total + line.monthlyUsd, 0)).toBeLessThanOrEqual(450);
    expect(lines.filter((line) => line.service === 'Cognito').map((line) => line.item).sort()).toEqual(['console users pool on LITE', 'staff pool on PLUS']);
  });

  it('keeps the console bucket\'s objects when the stack goes', () => {
    expect(Object.values(resources).filter((resource) => resource.Type === 'Custom::S3AutoDeleteObjects')).toEqual([]);
  });
});

describe('a grant made after a function exists', () => {
  it('lands in the function\'s role policy: an added statement, a queue grant and an event source', () => {
    const stack = synth(defaultStackSettings, {
      probe: (probed) => {
        const fn = probed.api.functions.get('listClients');
        if (!fn) throw new Error('listClients missing');
        const queue = new Queue(fn, 'ProbeQueue');
        fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: [queue.queueArn] }));
        queue.grantSendMessages(fn);
        fn.addEventSource(new SqsEventSource(queue));
      },
    });
    const resources = flattenedResources(stack);
    const fn = resources[logicalId(stack.api.functions.get('listClients') ?? stack)];
    if (!fn) throw new Error('listClients missing');
    // The probe's mapping: the one that feeds listClients (the webhook queue's mapping feeds its own consumer).
    const listClientsRef = JSON.stringify({ Ref: logicalId(stack.api.functions.get('listClients') ?? stack) });
    const queueArn = Object.values(resources).find((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(resource.Properties.FunctionName) === listClientsRef)?.Properties.EventSourceArn;
    for (const action of ['sqs:GetQueueUrl', 'sqs:SendMessage', 'sqs:ReceiveMessage']) expect([action, allows(resources, fn, action, queueArn)]).toEqual([action, true]);
    expect(expectEveryDestinationAndSourceGranted(resources)).toBe(1 + stack.jobs.deadLetterQueues.size + stack.streams.mappings.size + stack.queues.queues.size);
  });

  it('stops the synth when it allows anything but X-Ray on Resource "*"', () => {
    const stack = synth(defaultStackSettings, {
      probe: (probed) => probed.api.functions.get('listClients')?.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] })),
    });
    expect(() => Template.fromStack(stack)).toThrow(/allows \["ses:SendEmail"\] on Resource "\*": only xray:PutTraceSegments, xray:PutTelemetryRecords/);
  });
});

describe('the dev stack', () => {
  const stack = synth({ ...defaultStackSettings, stage: 'dev' });
  const resources = flattenedResources(stack);

  it('reserves no concurrency, so that it deploys on a fresh account whose concurrency limit is still low', () => {
    for (const fn of stack.consoleUsers.functions.values()) {
      expect(resources[logicalId(fn)]?.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });

  it('empties the console bucket when the stack is destroyed', () => {
    const bucketId = logicalId(stack.console.bucket);
    const autoDelete = Object.values(resources).filter((resource) => resource.Type === 'Custom::S3AutoDeleteObjects');
    expect(autoDelete.map((resource) => resource.Properties.BucketName)).toEqual([{ Ref: bucketId }]);
  });

  it('lets staff sign in without TOTP (test logins) and still mails through SES', () => {
    const pool = resources[logicalId(stack.auth.userPool)]?.Properties ?? {};
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EmailConfiguration.EmailSendingAccount).toBe('DEVELOPER');
  });
});
