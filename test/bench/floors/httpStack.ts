/**
 * The HTTP stack's libraries, each used once the way the routes use them: middy, one zod/mini
 * schema with English messages, a jose JWT check against a remote key set, the DynamoDB
 * DocumentClient, and a Powertools Logger created on the first error; clients
 * and the key set are created on first use, as the routes create theirs. No partnerdesk code; the
 * floors below build on it.
 */
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

export interface FloorEvent {
  readonly token: string;
  readonly query: unknown;
}

z.config(en());
const query = z.object({ limit: z.optional(z.string().check(z.maxLength(3))) });
let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
let client: DynamoDBDocumentClient | undefined;
let logger: Logger | undefined;

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return client;
}

/** A route on the stack's libraries that reads one item, then calls `more` (the floor's extra clients). */
export function floorRoute(middlewares: MiddlewareObj[] = [], more: () => Promise<unknown> = async () => undefined) {
  const route = middy(async (event: FloorEvent): Promise<unknown> => {
    keys ??= createRemoteJWKSet(new URL('https://cognito-idp.eu-central-1.amazonaws.com/floor/.well-known/jwks.json'));
    await jwtVerify(event.token, keys);
    query.parse(event.query);
    await documentClient().send(new GetCommand({ TableName: 'floor', Key: { pk: 'floor' } }));
    return more();
  }).onError(async (request) => {
    logger ??= new Logger({ serviceName: 'floor' });
    logger.error('failed', { error: request.error as Error });
  });
  for (const middleware of middlewares) route.use(middleware);
  return route;
}
