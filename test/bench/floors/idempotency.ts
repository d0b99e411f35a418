import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import { documentClient } from './httpStack';

/** Powertools idempotency on DynamoDB keyed by a header, as the write routes use it. */
export function idempotency(): MiddlewareObj {
  return makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'floor-idempotency', awsSdkV3Client: documentClient() as never }),
    config: new IdempotencyConfig({ eventKeyJmesPath: 'headers."idempotency-key"', throwOnNoIdempotencyKey: false }),
  }) as MiddlewareObj;
}
