import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PartnerdeskStack } from './infra/PartnerdeskStack';
import { builtConsoleFixture, stackEnv, stackSettings } from './test/infra/stackSettings';
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const dir = builtConsoleFixture();
new PartnerdeskStack(app, 'P', { env: stackEnv, settings: { ...stackSettings, stage: (process.argv[2] ?? 'prod') as 'prod' }, consoleAssetDir: dir });
const checks = new AwsSolutionsChecks(app, { verbose: true });
Validations.of(app).addPlugins(checks);
const v = checks.validateScope(app).violations.map((x) => `${x.ruleName} ${x.violatingResources.map((r) => r.constructPath).join(',')}`);
console.log(v.slice(0, 40).join('\n'), v.length);
const asm = app.synth();
for (const s of asm.stacks) {
  console.log(s.stackName, Object.keys(s.template.Resources).length);
}
const fs = require('fs');
for (const f of fs.readdirSync(asm.directory)) if (f.endsWith('.nested.template.json')) {
  const t = JSON.parse(fs.readFileSync(asm.directory + '/' + f, 'utf8'));
  console.log(f, Object.keys(t.Resources).length, 'params', Object.keys(t.Parameters ?? {}).length, 'outputs', Object.keys(t.Outputs ?? {}).length);
}
