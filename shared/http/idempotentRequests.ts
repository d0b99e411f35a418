import type { MiddlewareObj } from '@middy/core';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentClient } from '../adapters/compositionRoot';
import { physicalTableName } from '../adapters/dynamodb/tables';
import { HttpError } from './HttpError';

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The key is the caller's `Idempotency-Key` header scoped to the caller: its `sub` on routes with
 * a token, and on public routes (no caller identity) the source address, path and body, so a key
 * somebody else chose first can neither replay their response to a victim nor refuse the victim's
 * request as a reused key. Powertools hashes the whole selection. Without the header, or with an
 * empty one, the expression is null and Powertools skips idempotency for that request (an empty
 * string would otherwise be one key shared by every caller).
 */
const KEY_EXPRESSION =
  "(headers.\"idempotency-key\" || `null`) && join('#', [" +
  "requestContext.authorizer.jwt.claims.sub || join('|', ['anonymous', requestContext.http.sourceIp || '', rawPath || '', body || ''])," +
  " headers.\"idempotency-key\"])";

/** What must match for a stored response to be replayed: the same method, path and body (a key reused elsewhere is a 422). */
const PAYLOAD_EXPRESSION = '[requestContext.http.method, rawPath, body]';

/** Turns Powertools' idempotency errors into domain errors so the one error mapping answers them. */
function translateIdempotencyErrors(): HttpMiddleware {
  return {
    onError: async (request) => {
      if (request.error instanceof IdempotencyAlreadyInProgressError) {
        request.error = new HttpError('request_in_progress', 'A request with this Idempotency-Key is still in progress; retry shortly');
      } else if (request.error instanceof IdempotencyValidationError) {
        request.error = new HttpError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body');
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
 * export const handler = partnerRoute({ body: addClientBody, middlewares: idempotentRequests() }, async ({ principal, body }) => ({
 *   status: 201,
 *   body: toClientView((await addClient(clientDeps(publicBaseUrl()), principal.partnerId, actorOf(principal), body)).client),
 * }));
 */
export function idempotentRequests(): HttpMiddleware[] {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: physicalTableName('idempotency'),
    awsSdkV3Client: documentClient() as never,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: KEY_EXPRESSION,
    payloadValidationJmesPath: PAYLOAD_EXPRESSION,
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: 24 * 60 * 60,
  });
  return [translateIdempotencyErrors(), releasingOnlyOwnRecords(makeHandlerIdempotent({ persistenceStore, config }) as HttpMiddleware)];
}

/**
 * Lets the idempotency middleware delete a record on error only when this request saved it.
 * Powertools 2.35 deletes unconditionally in `onError`, so a request refused because the key is
 * in progress or was used with another body removed the other request's record, and a retry then
 * ran twice (powertools-lambda-typescript issue 5675, fixed upstream after 2.35.0).
 */
function releasingOnlyOwnRecords(idempotent: HttpMiddleware): HttpMiddleware {
  const owners = new WeakSet<object>();
  return {
    before: async (request) => {
      const replayed = await idempotent.before?.(request);
      // Reaching here without a replayed response means this request saved the in-progress record (or skipped idempotency).
      if (replayed === undefined) owners.add(request);
      return replayed;
    },
    after: async (request) => {
      // The handler has run: if storing its response fails, keep the record rather than invite a second run.
      owners.delete(request);
      await idempotent.after?.(request);
    },
    onError: async (request) => {
      if (owners.has(request)) await idempotent.onError?.(request);
    },
  };
}
