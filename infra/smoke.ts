import { smokeChecks } from './smokeChecks';

/**
 * `npm run smoke -- <apiUrl> <consoleUrl>`: checks a deployed stage from outside (the stack's
 * outputs `ApiUrl` and `ConsoleUrl`), one line per check; exits 1 when any fails.
 */
async function main(): Promise<void> {
  const [apiUrl, consoleUrl] = process.argv.slice(2);
  if (!apiUrl || !consoleUrl) {
    console.error('usage: npm run smoke -- <apiUrl> <consoleUrl>   (the stack outputs ApiUrl and ConsoleUrl)');
    process.exit(2);
  }
  const results = await smokeChecks(apiUrl, consoleUrl);
  for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name}: ${result.detail}`);
  const failed = results.filter((result) => !result.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
