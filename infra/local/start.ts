/**
 * `npm start`: the whole system on this machine — DynamoDB Local, the local SES inbox, the job
 * scheduler, the HTTP gateway serving the same handlers through the same route table as AWS, and
 * the web console — seeded with demo data. Ctrl-C stops everything.
 */
import { startLocalStack } from './localStack';
import { seedDemoData } from './seed';
import { demoOwnerEmail } from './seedClients';

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  // Node 20 is still supported locally (Lambda runs nodejs22.x); the SDK's notice about 2027 is known.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocalStack({
    port: Number(process.env.PORT ?? 3000),
    inboxPort: Number(process.env.INBOX_PORT ?? 8005),
    jobIntervalMs: Number(process.env.LOCAL_JOB_INTERVAL_SECONDS ?? 60) * 1000,
    consolePort: Number(process.env.CONSOLE_PORT ?? 5173),
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping partnerdesk…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const demo = await seedDemoData(stack.apiUrl);
  const managerToken = await stack.tokens.personToken({ sub: demo.manager.userId, email: demo.manager.email, role: 'manager' });
  const partnerToken = await stack.tokens.personToken({
    sub: `local-${demo.partner.email}`, email: demo.partner.email, role: 'partner', partnerId: demo.partner.partnerId,
  });
  const api = stack.apiUrl;
  console.log(`
partnerdesk is running locally

  Web console ${stack.consoleUrl}   ← click here: sign in as a demo partner or manager
  API         ${api}
  Mail inbox  ${stack.inboxUrl}   (every mail the system sends)
  DynamoDB    ${stack.dynamoDbEndpoint}   (in memory; gone when you stop)

Demo logins (POST ${api}/__local/login {"email": ...} returns a fresh ID token):
  manager  ${demo.manager.email}
  partner  ${demo.partner.email}   (partner ${demo.partner.partnerId}, ${demo.partner.name})
  cloud console users (owners of cloud accounts): {"accountId": "${demo.clients.registeredAccounts[0]}"} or their e-mail,
    e.g. ${demoOwnerEmail(1)}; a person with no account signs up: POST ${api}/__local/signup {"email": ...}
    (a new cloud account comes with the first token). Accepting or declining an invitation takes such a token.

Seeded: ${demo.clients.activeAccounts.length} active clients with ${demo.billingEvents} billing events; cloud accounts
still free to invite: ${demo.clients.registeredAccounts.slice(5).join(', ')}

Demo tokens (valid 12 h):
  MANAGER_TOKEN=${managerToken}
  PARTNER_TOKEN=${partnerToken}

Try it:
  curl -s -X POST ${api}/partner-applications -H 'content-type: application/json' \\
    -d '{"name":"Ann Lee","email":"ann@example.com","phone":"+74950000000","company":"Lee IT","message":"We resell cloud"}'
  curl -s ${api}/partner-applications -H "authorization: Bearer $MANAGER_TOKEN"
  curl -s ${api}/clients -H "authorization: Bearer $PARTNER_TOKEN"
  curl -s -X POST ${api}/clients -H "authorization: Bearer $PARTNER_TOKEN" -H 'content-type: application/json' \\
    -d '{"email":"owner@example.com","name":"New Client","accountId":"${demo.clients.registeredAccounts[5]}"}'
  curl -s -X POST ${api}/clients/bulk -H "authorization: Bearer $PARTNER_TOKEN" -H 'content-type: application/json' \\
    -d '{"action":"block","clientIds":${JSON.stringify(demo.clients.activeClientIds.slice(0, 2))}}'
      (a preview and a token; send the same body with "confirm":"<token>" to block them)
  curl -s -X POST ${api}/__local/clock -H 'content-type: application/json' -d '{"advanceHours":49}'
  curl -s -X POST '${api}/__local/jobs/run?name=escalateApplications'

Scheduled jobs run every ${process.env.LOCAL_JOB_INTERVAL_SECONDS ?? 60} s. Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`\npartnerdesk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
