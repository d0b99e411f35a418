import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserSuiteStack } from './stackProcess';

/** DynamoDB Local, the seed and the first console build take a while on 2 shared cores. */
const START_TIMEOUT_MS = 120_000;

function waitForReady(child: ChildProcess): Promise<BrowserSuiteStack> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local stack did not start within 2 minutes')), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as BrowserSuiteStack);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited with code ${code} before it was ready`));
    });
  });
}

/**
 * Starts the real local stack with the web console for the browser suite (in a child process, as
 * `npm start` would run it) and hands its addresses to the tests through the environment.
 * Returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'stackProcess.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    // The console's own origin (a free port) is what CORS allows and what invitation links point to.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'ALLOWED_ORIGINS' && name !== 'PUBLIC_BASE_URL')),
  });
  const ready = await waitForReady(child).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw error;
  });
  process.env.WEB_SUITE_STACK = JSON.stringify(ready);
  process.env.CONSOLE_URL = ready.consoleUrl;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}
