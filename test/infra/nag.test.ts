import * as fs from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { builtConsoleFixture, defaultStackSettings, stackEnv, stackSettings } from './stackSettings';

/**
 * cdk-nag 3 is a CDK validation plugin (not an aspect, no annotations): a finding that is not
 * acknowledged with a reason fails the synth, warnings included. Bundling is skipped here
 * (`aws:cdk:bundling-stacks`); the rules read the template, not the code.
 */
describe('cdk-nag AwsSolutions checks', () => {
  let consoleAssetDir: string;

  beforeAll(() => {
    consoleAssetDir = builtConsoleFixture();
  });

  afterAll(() => {
    fs.rmSync(consoleAssetDir, { recursive: true, force: true });
  });

  it.each([
    ['the console at its CloudFront address', defaultStackSettings],
    ['the console on a custom domain', stackSettings],
    ['a destroyable dev stage', { ...defaultStackSettings, stage: 'dev' as const }],
  ])('find no unacknowledged error or warning, and CDK reports no warning either, with %s', (_case, settings) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PartnerdeskStack(app, 'PartnerdeskNag', { env: stackEnv, settings, consoleAssetDir });
    const checks = new AwsSolutionsChecks(app, { verbose: true });
    Validations.of(app).addPlugins(checks);

    expect(() => app.synth()).not.toThrow();
    const findings = checks
      .validateScope(app)
      .violations.map((violation) => `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('fail the synth on a new wildcard grant: only the two X-Ray actions may be allowed on Resource "*"', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PartnerdeskStack(app, 'PartnerdeskWildcard', { env: stackEnv, settings: stackSettings, consoleAssetDir });
    const role = stack.api.functions.get('listClients')?.role;
    if (!(role instanceof Role)) throw new Error('listClients has no role');
    // cdk-nag's IAM5[Resource::*] names no action, so its acknowledgement on the default policy (for X-Ray) would pass this; the guard does not.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Scan'], resources: ['*'] }));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

    expect(() => app.synth()).toThrow(/listClients\/Role\/DefaultPolicy\/Resource allows \["dynamodb:Scan"\] on Resource "\*"/);
  });
});
