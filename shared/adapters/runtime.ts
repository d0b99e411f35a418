/**
 * Composition root for Lambda containers: each dependency is created lazily, once per container,
 * so a bundle only contains (and a cold start only pays for) the clients its handler really calls.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SystemClock, type Clock } from '../domain/Clock';
import { createDocumentClient } from './dynamodb/documentClient';
import type { Mailer } from '../ports/Mailer';
import { SesMailer } from './ses/SesMailer';
import type { AccountDirectory } from '../ports/AccountDirectory';
import type { NoticeDeps } from '../domain/applications/deliverNotices';
import { randomIds, type IdGenerator } from '../domain/IdGenerator';
import { CognitoAccountDirectory } from './cognito/CognitoAccountDirectory';
import { DynamoApplicationRepository } from './dynamodb/DynamoApplicationRepository';
import { DynamoPartnerRepository } from './dynamodb/DynamoPartnerRepository';
import { LocalAccountDirectory } from './dynamodb/LocalAccountDirectory';

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

/** The container's id generator. */
export const ids: IdGenerator = randomIds;

let sharedDirectory: AccountDirectory | undefined;

/** The login directory: Cognito when `USER_POOL_ID` is set (AWS), the local stand-in otherwise. */
export function accountDirectory(): AccountDirectory {
  sharedDirectory ??= process.env.USER_POOL_ID
    ? CognitoAccountDirectory.fromEnv()
    : new LocalAccountDirectory(documentClient());
  return sharedDirectory;
}

/** Partner accounts. */
export function partners(): DynamoPartnerRepository {
  return new DynamoPartnerRepository(documentClient());
}

/** Everything the partner-application use cases need; `withDirectory` for approvals and the outbox job. */
export function applicationDeps(withDirectory = false): NoticeDeps & { ids: IdGenerator } {
  return {
    applications: new DynamoApplicationRepository(documentClient()),
    mailer: mailer(),
    clock,
    ids,
    settings: {
      departmentEmail: process.env.PARTNER_DEPARTMENT_EMAIL ?? 'partner-department@partnerdesk.local',
      supportEmail: process.env.SUPPORT_EMAIL ?? 'support@partnerdesk.local',
    },
    ...(withDirectory && { directory: accountDirectory() }),
  };
}
