import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Sends a conditional update and says whether its condition held: `undefined` means another
 * writer got there first (the invariant the condition protects held), otherwise the attributes its
 * `ReturnValues` asked for (`{}` when none); any other failure is thrown.
 */
export async function conditionalUpdate(client: DynamoDBDocumentClient, input: UpdateCommandInput): Promise<Record<string, unknown> | undefined> {
  try {
    const result = await client.send(new UpdateCommand(input));
    return result.Attributes ?? {};
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
