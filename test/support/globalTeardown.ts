import type { RunningDynamoDb } from '../../infra/local/dynamoDbLocal';
import type { RunningSes } from '../../infra/local/sesLocal';

/** Stops what the global set-up started. */
export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __partnerdeskServices?: { dynamo: RunningDynamoDb; ses: RunningSes } }).__partnerdeskServices;
  await Promise.all([services?.dynamo.stop(), services?.ses.stop()]);
}
