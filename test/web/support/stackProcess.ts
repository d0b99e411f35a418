/**
 * The local stack for the browser suite, in its own process (run with tsx): real DynamoDB Local,
 * the local SES, the handlers behind the gateway, the web console on a free port, and the demo
 * data of `npm start`. Prints one JSON line with the addresses, then runs until SIGTERM.
 */
import { startLocalStack } from '../../../infra/local/localStack';
import { LOCAL_MACHINE_CLIENT } from '../../../infra/local/localAuth';
import { seedDemoData } from '../../../infra/local/seed';
import { BILLING_WRITE_SCOPE } from '../../../shared/http/Principal';

/** What the suite learns from the stack process. */
export interface BrowserSuiteStack {
  readonly consoleUrl: string;
  readonly apiUrl: string;
  readonly inboxUrl: string;
  readonly partnerEmail: string;
  readonly managerEmail: string;
  /** Cloud accounts that exist and no partner serves (free to invite with an identifier). */
  readonly freeAccounts: readonly string[];
  /** The local billing system's access token (`POST /billing-events`), as the billing system holds one in AWS. */
  readonly billingToken: string;
}

/** Signs a staff login in locally and stores its language choice through the API. */
async function chooseLanguage(apiUrl: string, email: string, language: 'ru' | 'en'): Promise<void> {
  const login = await fetch(`${apiUrl}/__local/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  const { idToken } = (await login.json()) as { idToken: string };
  const chosen = await fetch(`${apiUrl}/me/language`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` }, body: JSON.stringify({ language }),
  });
  if (!chosen.ok) throw new Error(`PUT /me/language for ${email} answered ${chosen.status}`);
}

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Every journey sends the public form from the same address (the browser on loopback): the
  // per-sender limit of 5 an hour is for the public, not for a suite of journeys (its own tests check it).
  process.env.FORM_SUBMISSIONS_PER_SENDER_PER_HOUR ??= '1000';
  // Likewise every journey signs in as the one demo partner, many times a minute: its request limit (then 120 a
  // minute, now 600) met the suite on a slow machine (a 429 on `GET /team/me`, CI). The limit has its own e2e
  // test, and the console's answer to a 429 its browser tests (with stubbed answers).
  process.env.PARTNER_REQUESTS_PER_MINUTE ??= '100000';
  const stack = await startLocalStack({ consolePort: 0 });
  const demo = await seedDemoData(stack.apiUrl);
  // The suite's browsers read English: the demo staff choose it (the console follows a person's stored language after sign-in).
  for (const email of [demo.partner.email, demo.manager.email]) await chooseLanguage(stack.apiUrl, email, 'en');
  const ready: BrowserSuiteStack = {
    consoleUrl: stack.consoleUrl ?? '',
    apiUrl: stack.apiUrl,
    inboxUrl: stack.inboxUrl,
    partnerEmail: demo.partner.email,
    managerEmail: demo.manager.email,
    freeAccounts: demo.clients.registeredAccounts.slice(5),
    billingToken: await stack.tokens.machineToken(LOCAL_MACHINE_CLIENT, [BILLING_WRITE_SCOPE]),
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
