/**
 * Composition root for Lambda containers: each dependency is created lazily, once per container,
 * so a bundle only contains (and a cold start only pays for) the clients its handler really calls.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SystemClock, type Clock } from '../domain/Clock';
import { createDocumentClient } from './dynamodb/documentClient';
import type { Mailer } from '../ports/Mailer';
import { SesMailer } from './ses/SesMailer';

let sharedDocumentClient: DynamoDBDocumentClient | undefined;

/** The container's DynamoDB DocumentClient. */
export function documentClient(): DynamoDBDocumentClient {
  sharedDocumentClient ??= createDocumentClient();
  return sharedDocumentClient;
}

/**
 * The container's clock. `CLOCK_OFFSET_MS` exists only for the local stack, where
 * `POST /__local/clock` moves time forward to demo the 48-hour escalation; it is never set in AWS.
 */
export const clock: Clock = new SystemClock(() => Number(process.env.CLOCK_OFFSET_MS ?? 0));

let sharedMailer: Mailer | undefined;

/** The container's mailer (SES). Only handlers that call it bundle the SES client. */
export function mailer(): Mailer {
  sharedMailer ??= SesMailer.fromEnv();
  return sharedMailer;
}
