import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { stackEnv, stackSettings } from './stackSettings';

/**
 * cdk-nag 3 is a CDK validation plugin (not an aspect, no annotations): a finding that is not
 * acknowledged with a reason fails the synth, warnings included. Bundling is skipped here
 * (`aws:cdk:bundling-stacks`); the rules read the template, not the code.
 */
describe('cdk-nag AwsSolutions checks', () => {
  it.each(['dev', 'prod'] as const)('find no unacknowledged error or warning in %s, and CDK reports no warning either', (stage) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PartnerdeskStack(app, 'PartnerdeskNag', { env: stackEnv, settings: { ...stackSettings, stage } });
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
});
