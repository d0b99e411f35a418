import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GENERATED_OPENAPI_FILE } from '../../../../infra/generateOpenApi';

const root = path.join(__dirname, '../../../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/** Runs a linter CLI on the committed document, offline: no telemetry, no update check, rulesets that ship with the CLI. */
function lint(command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(bin(command), [...args, path.relative(root, GENERATED_OPENAPI_FILE)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the committed OpenAPI document', () => {
  it('passes Redocly\'s recommended rules with no error and no warning (redocly.yaml says what is off and why)', () => {
    const run = lint('redocly', ['lint', '--format=json']);
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string }> };

    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(run.status).toBe(0);
  });

  it('passes Spectral\'s spectral:oas rules with no finding of any severity', () => {
    const run = lint('spectral', ['lint', '--format=json', '--fail-severity=hint', '--quiet']);
    const findings = JSON.parse(run.stdout || '[]') as Array<{ code: string; message: string; path: string[] }>;

    expect(findings.map((finding) => `${finding.code}: ${finding.message} at ${finding.path.join('.')}`)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
