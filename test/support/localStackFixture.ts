import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/documentClient';
import type { Partner } from '../../shared/domain/partners/Partner';
import { createPartner } from './clientFixtures';
import { validateResponse } from './validateResponse';

/** Starting DynamoDB Local, SES and the gateway takes several seconds (the project's testTimeout does not reach hooks). */
const START_TIMEOUT_MS = 120_000;

/** The whole local system for one e2e test file, and what most of those files need of it. */
export interface LocalStackFixture {
  readonly stack: LocalStack;
  /** A DocumentClient on the stack's DynamoDB Local, for arranging what the API cannot (partners, cloud accounts). */
  readonly db: DynamoDBDocumentClient;
  /** A new partner account and its bearer token. */
  partnerWithToken(): Promise<{ partner: Partner; token: string }>;
  /** The console ID token of the owner of `accountId`, signed in through the local console pool (its sign-in gate). */
  consoleToken(accountId: string): Promise<string>;
}

/** Local-only helpers, rightly absent from the OpenAPI document. */
const LOCAL_ONLY_PATHS = /^\/(__local\/|\.well-known\/)/;

/**
 * `fetch` that checks every answer of the API at `apiUrl` against the OpenAPI document and throws
 * (failing the test that made the call) when the document does not allow it. CORS preflights are
 * the gateway's, not operations of the API, and local-only helpers are not part of it.
 */
function validatingFetch(realFetch: typeof fetch, apiUrl: string): typeof fetch {
  return async (input, init) => {
    const response = await realFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.origin === new URL(apiUrl).origin && method !== 'OPTIONS' && !LOCAL_ONLY_PATHS.test(url.pathname)) {
      validateResponse(method, url.href, response.status, response.headers, await response.clone().text());
    }
    return response;
  };
}

/**
 * Starts the local stack (the one `npm start` runs) before the calling test file and stops it
 * after; ask for `stack` and `db` inside tests or hooks. While it runs, every answer of the API
 * is validated against the OpenAPI document (`validatingFetch`).
 */
export function useLocalStack(): LocalStackFixture {
  let started: { stack: LocalStack; db: DynamoDBDocumentClient } | undefined;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    const stack = await startLocalStack();
    started = { stack, db: createDocumentClient(stack.dynamoDbEndpoint) };
    globalThis.fetch = validatingFetch(realFetch, stack.apiUrl);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    globalThis.fetch = realFetch;
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
    async consoleToken(accountId) {
      const response = await fetch(`${running().stack.apiUrl}/__local/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId }),
      });
      const body = (await response.json()) as { idToken?: string };
      if (!response.ok || !body.idToken) throw new Error(`console sign-in of ${accountId} failed: ${response.status} ${JSON.stringify(body)}`);
      return body.idToken;
    },
  };
}
