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
}

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

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
  /** Partner accounts and the e-mail uniqueness markers that bind a login to one partner. */
  partners: {
    partitionKey: S('pk'),
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

/** The physical name of a table in this process (from the environment, or the local default). */
export function physicalTableName(table: TableName): string {
  return process.env[tableEnvVar(table)] ?? `partnerdesk-${table}`;
}
