import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/documentClient';
import type { Partner } from '../../shared/ports/PartnerRepository';
import { createPartner } from './clientFixtures';

/** Starting DynamoDB Local, SES and the gateway takes several seconds (the project's testTimeout does not reach hooks). */
const START_TIMEOUT_MS = 120_000;

/** The whole local system for one e2e test file, and what most of those files need of it. */
export interface LocalStackFixture {
  readonly stack: LocalStack;
  /** A DocumentClient on the stack's DynamoDB Local, for arranging what the API cannot (partners, cloud accounts). */
  readonly db: DynamoDBDocumentClient;
  /** A new partner account and its bearer token. */
  partnerWithToken(): Promise<{ partner: Partner; token: string }>;
}

/**
 * Starts the local stack (the one `npm start` runs) before the calling test file and stops it
 * after; ask for `stack` and `db` inside tests or hooks.
 */
export function useLocalStack(): LocalStackFixture {
  let started: { stack: LocalStack; db: DynamoDBDocumentClient } | undefined;

  beforeAll(async () => {
    const stack = await startLocalStack();
    started = { stack, db: createDocumentClient(stack.dynamoDbEndpoint) };
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    started?.db.destroy();
    await started?.stack.stop();
  });

  const running = () => {
    if (!started) throw new Error('useLocalStack(): the stack starts in beforeAll; use it inside a test or a later hook');
    return started;
  };
  return {
    get stack() {
      return running().stack;
    },
    get db() {
      return running().db;
    },
    async partnerWithToken() {
      const { stack, db } = running();
      const partner = await createPartner(db, 'Volkova Cloud Integration');
      const token = await stack.tokens.personToken({ sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId });
      return { partner, token };
    },
  };
}
