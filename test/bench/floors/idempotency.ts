/** Powertools idempotency on DynamoDB keyed by a header, as the write routes use it (a middy middleware). */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import { documentClient } from './dynamodb';
import type { FloorUse } from './FloorUse';

export const floorUse: FloorUse = {
  middleware: () =>
    makeHandlerIdempotent({
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'floor-idempotency', awsSdkV3Client: documentClient() as never }),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'headers."idempotency-key"', throwOnNoIdempotencyKey: false }),
    }) as MiddlewareObj,
};
