import type { MiddlewareObj } from '@middy/core';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, RuleViolationError } from '../domain/errors';
import { documentClient } from '../adapters/runtime';
import { physicalTableName } from '../adapters/dynamodb/tables';

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The key is the caller's `Idempotency-Key` header scoped to the caller (`sub`, or `anonymous`
 * on public routes), so two callers can never see each other's stored responses. Without the
 * header the expression is null and Powertools skips idempotency for that request.
 */
const KEY_EXPRESSION =
  `headers."idempotency-key" && join('#', [requestContext.authorizer.jwt.claims.sub || 'anonymous', headers."idempotency-key"])`;

/** Turns Powertools' idempotency errors into domain errors so the one error mapping answers them. */
function translateIdempotencyErrors(): HttpMiddleware {
  return {
    onError: async (request) => {
      if (request.error instanceof IdempotencyAlreadyInProgressError) {
        request.error = new ConflictError('request_in_progress', 'A request with this Idempotency-Key is still in progress; retry shortly');
      } else if (request.error instanceof IdempotencyValidationError) {
        request.error = new RuleViolationError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body');
      }
    },
  };
}

/**
 * Makes a write route idempotent on the `Idempotency-Key` header (Powertools Idempotency on
 * DynamoDB): a retry within 24 h returns the first successful response and does nothing twice.
 * Failed requests are not stored, so they may be retried.
 *
 * @example
 * export const handler = httpRoute({ auth: 'partner', body, middlewares: idempotentRequests() }, addClient);
 */
export function idempotentRequests(): HttpMiddleware[] {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: physicalTableName('idempotency'),
    awsSdkV3Client: documentClient() as never,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: KEY_EXPRESSION,
    payloadValidationJmesPath: 'body',
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: 24 * 60 * 60,
  });
  return [translateIdempotencyErrors(), makeHandlerIdempotent({ persistenceStore, config }) as HttpMiddleware];
}
