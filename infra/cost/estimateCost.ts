/**
 * `npm run cost`: the monthly bill of the prod stack at the stated scale. Synthesizes the prod
 * stack (bundling skipped: the bill depends on the template, not on the code), reads every
 * template of its assembly (root and nested stacks) and prices it with the usage in
 * `infra/cost/usage.ts`. `npm run cost -- --json` prints the lines as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { PartnerdeskStack } from '../PartnerdeskStack';
import { formatCost, inventoryOf, monthlyCost, type TemplateResource } from './CostModel';
import { STATED_SCALE } from './usage';

/** Every template of the prod stack's cloud assembly (the stack's own and its nested stacks'). */
function prodTemplates(): Record<string, TemplateResource>[] {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-cost-'));
  try {
    // The console's files do not change the bill: a placeholder stands in for web/dist.
    const consoleAssetDir = path.join(workDir, 'console');
    fs.mkdirSync(consoleAssetDir);
    fs.writeFileSync(path.join(consoleAssetDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const app = new App({ outdir: path.join(workDir, 'cdk.out'), context: { 'aws:cdk:bundling-stacks': [] } });
    new PartnerdeskStack(app, 'Partnerdesk-prod', {
      env: { region: 'eu-central-1' },
      consoleAssetDir,
      settings: { stage: 'prod', senderEmail: 'partners@example.com', partnerDepartmentEmail: 'pd@example.com', supportEmail: 'support@example.com', authDomainPrefix: 'partnerdesk-cost' },
    });
    const assembly = app.synth();
    return fs.readdirSync(assembly.directory)
      .filter((file) => file.endsWith('.template.json'))
      .map((file) => (JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')) as { Resources: Record<string, TemplateResource> }).Resources);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const lines = monthlyCost(inventoryOf(prodTemplates()), STATED_SCALE);
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(lines, null, 2)}\n` : `${formatCost(lines)}\n`);
