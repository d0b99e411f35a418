import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CallTimeouts, clientTimeoutConfig, REQUEST_CALL_TIMEOUTS, timeoutsFor } from '../aws/callTimeouts';

/**
 * Creates the DocumentClient with the caller's time-outs in AWS. `DYNAMODB_ENDPOINT` points it at
 * DynamoDB Local (with the local time-outs); in AWS it is unset. Call once per container (module scope via
 * `shared/adapters/compositionRoot.ts`), not per request.
 */
export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT, timeouts: CallTimeouts = REQUEST_CALL_TIMEOUTS): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ ...clientTimeoutConfig(timeoutsFor(timeouts, endpoint)), ...(endpoint && { endpoint }) });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
