/**
 * The local stack for the browser suite, in its own process (run with tsx): real DynamoDB Local,
 * the local SES, the handlers behind the gateway, the web console on a free port, and the demo
 * data of `npm start`. Prints one JSON line with the addresses, then runs until SIGTERM.
 */
import { startLocalStack } from '../../../infra/local/localStack';
import { seedDemoData } from '../../../infra/local/seed';

/** What the suite learns from the stack process. */
export interface BrowserSuiteStack {
  readonly consoleUrl: string;
  readonly apiUrl: string;
  readonly inboxUrl: string;
  readonly partnerEmail: string;
  readonly managerEmail: string;
  /** Cloud accounts that exist and no partner serves (free to invite with an identifier). */
  readonly freeAccounts: readonly string[];
}

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocalStack({ consolePort: 0 });
  const demo = await seedDemoData(stack.apiUrl);
  const ready: BrowserSuiteStack = {
    consoleUrl: stack.consoleUrl ?? '',
    apiUrl: stack.apiUrl,
    inboxUrl: stack.inboxUrl,
    partnerEmail: demo.partner.email,
    managerEmail: demo.manager.email,
    freeAccounts: demo.clients.registeredAccounts.slice(5),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const stop = () => void stack.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
