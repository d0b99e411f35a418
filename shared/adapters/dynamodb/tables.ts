/**
 * The DynamoDB tables and indexes, declared once: the CDK `Tables` construct and the local
 * set-up (`infra/local/`, tests) both create exactly these. Key *values* are built by the
 * per-table key modules next to this file (e.g. `applicationKeys.ts`).
 */

/** A key attribute: name and DynamoDB scalar type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

/** A global secondary index. */
export interface IndexSpec {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

/** A table: keys, indexes, optional TTL attribute. */
export interface TableSpec {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexSpec[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item some time after it. */
  readonly timeToLiveAttribute?: string;
  /** Only the local stack creates it (a stand-in for a managed AWS service). */
  readonly localOnly?: boolean;
  /** The table's change stream (DynamoDB Streams): every change with the item before and after, for its consumers (`streams` in the route table). */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
}

/**
 * A string key attribute. Declared free of side effects, so a bundle that only needs a table's
 * physical name (every Lambda) leaves the table list out.
 */
/* @__NO_SIDE_EFFECTS__ */ function S(name: string): KeyAttribute {
  return { name, type: 'S' };
}

/** Every table of partnerdesk, by logical name. */
export const tables = {
  /** Partner applications ("contact sales" form) and their de-duplication markers. */
  applications: {
    partitionKey: S('pk'),
    indexes: [
      { indexName: 'byStatus', partitionKey: S('status'), sortKey: S('createdAt') },
      { indexName: 'byCreatedAt', partitionKey: S('kind'), sortKey: S('createdAt') },
      // Sparse: only applications still waiting for a manager carry `awaiting`/`contactDueAt`.
      { indexName: 'awaitingContact', partitionKey: S('awaiting'), sortKey: S('contactDueAt') },
      // Sparse: only applications with an unsent notice (mail outbox) carry `noticeQueue`/`noticeDueAt`.
      { indexName: 'pendingNotices', partitionKey: S('noticeQueue'), sortKey: S('noticeDueAt') },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * Partner accounts with their teams (`DynamoTeamStore`) and the partner's language, the e-mail
   * uniqueness markers that bind a login to one partner, and managers' preferences
   * (`MANAGER#<user id>`: their language). Keys: `partnerKeys.ts`.
   */
  partners: {
    partitionKey: S('pk'),
    indexes: [],
  },
  /**
   * The partner department's indexes, newest first by `createdAt#id`: every partner (`PARTNERS`),
   * per state (`PARTNERS#state`), per search prefix (`SEARCH#prefix`), the work queue of ended
   * partnerships still being closed (`ENDING`); applications per search prefix (`APPSEARCH#prefix`)
   * and per manager holding them (`ASSIGNED#managerId`). Written in the transactions that create or
   * change what they index. Keys: `departmentIndexKeys.ts`.
   */
  departmentIndex: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [],
  },
  /**
   * Local stand-in for the Cognito user pool (logins and whether they are enabled). `localOnly`:
   * the CDK stack does not create it; in AWS the account directory is Cognito.
   */
  localDirectory: {
    partitionKey: S('pk'),
    indexes: [],
    localOnly: true,
  },
  /**
   * Partners' clients (`PARTNER#p`/`CLIENT#c`), each partner's one record per cloud account
   * (`PARTNER#p`/`ACCOUNT#a`) and the account locks (`ACCOUNT#a`/`PARTNER`) that keep a cloud
   * account with at most one partner. Keys: `clientKeys.ts`.
   */
  clients: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [
      // Only client items carry `clientsOf`/`clientsOfStatus`/`listKey` (newest first by `createdAt#id`).
      { indexName: 'byPartner', partitionKey: S('clientsOf'), sortKey: S('listKey') },
      { indexName: 'byPartnerStatus', partitionKey: S('clientsOfStatus'), sortKey: S('listKey') },
      // Only attached clients assigned to a sales member carry `clientsOfAssignee`.
      { indexName: 'byAssignee', partitionKey: S('clientsOfAssignee'), sortKey: S('listKey') },
      // Sparse: only invited clients with a pending invitation carry `attentionOf`; `attentionKey` puts a failed mail
      // first, then the invitations by expiry, so "needs attention" reads one key range (`attentionKeys`).
      { indexName: 'byAttention', partitionKey: S('attentionOf'), sortKey: S('attentionKey') },
    ],
    // The search index (`SEARCH#partner#prefix`) and each partner's counts (`CLIENT_COUNTS`, `COUNTED#c`) follow the clients through it.
    stream: 'NEW_AND_OLD_IMAGES',
  },
  /** Client invitations (`INVITATION#id`) and their token-hash entries (`TOKEN#sha256`). Keys: `invitationKeys.ts`. */
  invitations: {
    partitionKey: S('pk'),
    indexes: [
      // Sparse work queues: pending invitations by expiry, expired ones whose partner is not told yet.
      { indexName: 'due', partitionKey: S('dueQueue'), sortKey: S('dueAt') },
    ],
  },
  /** Each partner's audit trail (`PARTNER#p`, sorted by `at#id`), also by client and by the member who acted. Keys: `auditKeys.ts`. */
  audit: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [
      { indexName: 'byClient', partitionKey: S('partnerClient'), sortKey: S('sk') },
      // Only entries written by a partner's member (since teams) carry `partnerActor`.
      { indexName: 'byActor', partitionKey: S('partnerActor'), sortKey: S('sk') },
    ],
  },
  /** Registered cloud accounts (fed by the cloud's account service; seeded locally). Keys: `cloudAccountKeys.ts`. */
  cloudAccounts: {
    partitionKey: S('pk'),
    indexes: [],
  },
  /** Fixed-window rate-limit counters, removed by TTL after their window. Keys: `rateLimitKeys.ts`. */
  rateLimits: {
    partitionKey: S('pk'),
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  /** Local stand-in for the EventBridge bus: published events, for the local stack and tests to read. */
  localEvents: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [],
    localOnly: true,
  },
  /**
   * Billing ledger per cloud account (`ACCOUNT#a`): the current balance, day/month/year totals by
   * Moscow calendar, per-service daily debits and the deposits/withdrawals list; plus one marker per
   * ingested transaction (`TRANSACTION#t`) that makes ingestion idempotent. Keys: `ledgerKeys.ts`.
   */
  ledger: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    // Sparse: only balances of accounts a partner's client serves carry `servedBy` (partner id) and `balance`.
    indexes: [{ indexName: 'byPartnerBalance', partitionKey: S('servedBy'), sortKey: { name: 'balance', type: 'N' } }],
  },
  /**
   * Single-use confirmation tokens of block / unblock / delete previews (`CONFIRMATION#sha256`),
   * removed by TTL a day after they expire. Keys: `confirmationKeys.ts`.
   */
  operationConfirmations: {
    partitionKey: S('pk'),
    indexes: [],
    timeToLiveAttribute: 'expiresAtEpoch',
  },
  /**
   * Outbox of client status changes: one record per transaction (`FOLLOWUPS#auditId` of its first
   * change) holding the follow-up of each change in it, the event to publish and whether the console
   * login must be set; delivered follow-ups are removed from it, the record once it is empty.
   * Keys: `clientFollowUpKeys.ts`.
   */
  clientFollowUps: {
    partitionKey: S('pk'),
    indexes: [{ indexName: 'due', partitionKey: S('dueQueue'), sortKey: S('dueAt') }],
  },
  /**
   * Spend control: budgets (`BUDGETS#p`), each client's month spend and the once-only markers of its
   * fired alerts (`MONTH#p#m`), partners' daily spend (`DAYS#p`), notifications and their unread
   * counter (`NOTES#p`). Keys: `spendKeys.ts`.
   */
  spend: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    // Sparse: only client month spend items carry `spendOf` (`partner#month`) and `monthSpend`.
    indexes: [{ indexName: 'bySpend', partitionKey: S('spendOf'), sortKey: { name: 'monthSpend', type: 'N' } }],
  },
  /**
   * Partners' API keys (`KEY#keyId`: the secret's hash, scopes, expiry, revocation, last use), found by
   * id on every request a key makes and listed per partner. Keys: `apiKeyKeys.ts`.
   */
  apiKeys: {
    partitionKey: S('pk'),
    indexes: [{ indexName: 'byPartner', partitionKey: S('keysOf'), sortKey: S('createdAt') }],
  },
  /**
   * Partners' webhook endpoints (`PARTNER#p`/`ENDPOINT#e`, with their signing secrets) and each
   * endpoint's delivery log (`PARTNER#p`/`ATTEMPT#e#at#…`, removed by TTL). Keys: `webhookKeys.ts`.
   */
  webhooks: {
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  /** Idempotency records (Powertools layout: `id`, TTL `expiration`). */
  idempotency: {
    partitionKey: S('id'),
    indexes: [],
    timeToLiveAttribute: 'expiration',
  },
} satisfies Record<string, TableSpec>;

/** Logical table name. */
export type TableName = keyof typeof tables;

/** The environment variable that carries a table's physical name, e.g. `TABLE_APPLICATIONS`. */
export function tableEnvVar(table: TableName): string {
  return `TABLE_${table.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/**
 * The physical name of a table in this process, from its `TABLE_*` variable. A missing variable is a
 * wiring error (the stack sets exactly the tables of the function's `uses`): it fails loudly on the
 * first use instead of reading or writing a table of a default name that may belong to another stage.
 */
export function physicalTableName(table: TableName): string {
  const variable = tableEnvVar(table);
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set: this function is not wired to the ${table} table (see the route table's uses)`);
  return name;
}

/** Gives every table without a `TABLE_*` variable its local name `partnerdesk-<table>` (the local stack, tests, the bench). */
export function useLocalTableNames(env: NodeJS.ProcessEnv = process.env): void {
  for (const table of Object.keys(tables) as TableName[]) env[tableEnvVar(table)] ??= `partnerdesk-${table}`;
}
