import { randomBytes } from 'node:crypto';
import { startDynamoDbLocal } from '../../infra/local/dynamoDbLocal';
import { startSesLocal } from '../../infra/local/sesLocal';
import { useLocalTableNames } from '../../shared/adapters/dynamodb/tables';

/** Starts DynamoDB Local and the local SES once for the whole run; workers inherit the endpoints. */
export default async function globalSetup(): Promise<void> {
  // Node 20 is still supported locally (Lambda runs nodejs22.x); the SDK's notice about 2027 is known.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal(), startSesLocal()]);
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_DEV: 'false',
    // As the stack sets it: invitation links point at the console, never at the request's Host.
    PUBLIC_BASE_URL: 'https://console.partnerdesk.test',
    CURSOR_SIGNING_KEY: randomBytes(32).toString('base64url'),
    // Jobs print EMF metrics to stdout in Lambda; tests that read them turn them back on.
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  useLocalTableNames();
  (globalThis as { __partnerdeskServices?: unknown }).__partnerdeskServices = { dynamo, ses };
}
