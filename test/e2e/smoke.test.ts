import { type LocalStack, startLocalStack } from '../../infra/local/localStack';
import { smokeChecks } from '../../infra/smokeChecks';

/** Building the console and starting the stack takes a while (the project's testTimeout does not reach hooks). */
const START_TIMEOUT_MS = 180_000;

describe('npm run smoke (post-deploy checks) against the local stack', () => {
  let stack: LocalStack | undefined;

  beforeAll(async () => {
    stack = await startLocalStack({ consolePort: 0 });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  });

  it('passes every check against a stage that serves this checkout', async () => {
    const results = await smokeChecks(stack!.apiUrl, stack!.consoleUrl!);

    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results).toHaveLength(6);
  });

  it('names what is wrong when the console address is not the console', async () => {
    const results = await smokeChecks(stack!.apiUrl, stack!.apiUrl);

    expect(results.filter((result) => !result.ok).map((result) => result.name)).toEqual([
      'CORS lets the console call the API',
      'The console serves config.json naming this API',
      'The console serves index.html with its security headers',
    ]);
  });
});
