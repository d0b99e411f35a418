/**
 * The route and job table: declared once, read by the CDK stack (`infra/`) and by the local
 * gateway (`infra/local/`). Each entry names its handler module under `functions/` and what it
 * touches, so the stack can grant exactly that (least privilege) and nothing more.
 */
import type { TableName } from './adapters/dynamodb/tables';

/** Who may call a route: nobody in particular, a partner, a manager, a machine client, or a cloud account's owner signed in to the cloud console. */
export type AuthKind = 'public' | 'partner' | 'manager' | 'system' | 'console';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a function uses a table; the stack grants exactly the DynamoDB actions that go with it:
 * - `read`: get, batch get, query (and transaction condition checks);
 * - `append`: put new items only, never update or delete them (the audit trail);
 * - `readWrite`: read, put and update items, never delete one;
 * - `readWriteDelete`: also delete items (releasing an account lock, removing a delivered outbox
 *   record or a stale search index entry, the idempotency record of a failed request);
 * - `backfill`: a one-off task that reads the whole table (the one Scan) and batch-puts what it derives;
 * - `get`: single-item reads by key only (a Cognito trigger's lookups), no query or batch;
 * - `getPut`: single-item reads by key and puts of new items (conditional; alone or in a transaction), no update, query or delete.
 */
export type TableAccess = 'read' | 'append' | 'readWrite' | 'readWriteDelete' | 'backfill' | 'get' | 'getPut';

/** What a function needs from the platform; the stack turns it into IAM grants and env vars. */
export interface Uses {
  /** Tables and the access each needs. */
  readonly tables?: Partial<Record<TableName, TableAccess>>;
  /** Sends mail through SES. */
  readonly mail?: boolean;
  /** Publishes domain events on the event bus. */
  readonly events?: boolean;
  /** Creates partners' logins in the staff directory (Cognito). */
  readonly accountDirectory?: boolean;
  /** Closes partners' logins in the staff directory (Cognito: disable, sign out everywhere): an ended partnership. */
  readonly closesLogins?: boolean;
  /** Reopens an ended partner's closed login for the partner re-admitted with the manager's override (Cognito: update its partner id, enable). */
  readonly reopensLogins?: boolean;
  /** Hands out and reads page cursors: may read the key they are signed with (the stack's secret, `CURSOR_KEY_SECRET_ARN`). */
  readonly cursors?: boolean;
}

/** One HTTP route. `path` uses API Gateway syntax: `/clients/{id}`. */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  readonly auth: AuthKind;
  readonly uses: Uses;
}

/** One scheduled job, run by an EventBridge rule in AWS and by a timer locally. */
export interface JobSpec {
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  /** How often it runs, in minutes; absent for a one-off task an operator invokes (a backfill). */
  readonly everyMinutes?: number;
  readonly uses: Uses;
}

/** The Cognito triggers of the console users' pool that the stack wires (`CognitoUserPoolTriggerEvent`). */
export type ConsoleTrigger = 'preAuthentication' | 'preTokenGeneration';

/** One Cognito trigger of the console users' pool: runs inside a user's sign-in or token refresh. */
export interface TriggerSpec {
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  readonly trigger: ConsoleTrigger;
  readonly uses: Uses;
}

/**
 * What block / unblock / delete touch: the clients with their invitations, audit and follow-up
 * outbox in one transaction, the confirmation tokens and the event bus. No login directory: the
 * console's sign-in gate reads the committed status.
 */
const CLIENT_OPERATION_USES: Uses = {
  tables: {
    clients: 'readWriteDelete', invitations: 'readWrite', audit: 'append', clientFollowUps: 'readWriteDelete',
    operationConfirmations: 'readWrite', rateLimits: 'readWrite', idempotency: 'readWriteDelete',
  },
  events: true,
};

/** What suspend and resume touch: the partner, its index entries, its client counts, the managers' audit, the confirmation tokens, the mail. */
const PARTNER_STATE_USES: Uses = {
  tables: { partners: 'readWrite', departmentIndex: 'readWriteDelete', clients: 'read', audit: 'append', operationConfirmations: 'readWrite' },
  mail: true,
};

/**
 * What closing an ended partnership touches besides: the clients (detached with the client
 * operations' batch machinery, their invitations, audit and follow-ups), the event bus and the
 * login directory (the partner's login is closed); the ending queue entry is deleted when done.
 */
const PARTNER_ENDING_USES: Uses = {
  tables: {
    partners: 'read', departmentIndex: 'readWriteDelete', clients: 'readWriteDelete', invitations: 'readWrite', audit: 'append', clientFollowUps: 'readWriteDelete',
  },
  events: true,
  closesLogins: true,
};

/**
 * Every partner route checks its caller's standing first (`shared/http/partnerStanding.ts`): it
 * reads the partner's record, so each gets `partners: read` here, declared once.
 */
function withPartnerStanding(route: RouteSpec): RouteSpec {
  if (route.auth !== 'partner') return route;
  return { ...route, uses: { ...route.uses, tables: { partners: 'read', ...route.uses.tables } } };
}

/** Every HTTP route of the API. */
export const routes: readonly RouteSpec[] = ([
  { method: 'GET', path: '/openapi.json', handler: 'getOpenApiDocument', auth: 'public', uses: {} },
  {
    method: 'POST',
    path: '/partner-applications',
    handler: 'createPartnerApplication',
    auth: 'public',
    uses: { tables: { applications: 'readWrite', departmentIndex: 'readWrite', rateLimits: 'readWrite', idempotency: 'readWriteDelete' }, mail: true },
  },
  {
    method: 'GET',
    path: '/partner-applications',
    handler: 'listPartnerApplications',
    auth: 'manager',
    uses: { tables: { applications: 'read', departmentIndex: 'read' }, cursors: true },
  },
  {
    method: 'GET',
    path: '/partner-applications/{id}',
    handler: 'getPartnerApplication',
    auth: 'manager',
    uses: { tables: { applications: 'read' } },
  },
  {
    method: 'POST',
    path: '/partner-applications/{id}/contact',
    handler: 'contactPartnerApplication',
    auth: 'manager',
    uses: { tables: { applications: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/partner-applications/{id}/take',
    handler: 'takePartnerApplication',
    auth: 'manager',
    uses: { tables: { applications: 'readWrite', departmentIndex: 'readWriteDelete' } },
  },
  {
    method: 'POST',
    path: '/partner-applications/{id}/contact-attempts',
    handler: 'recordContactAttempt',
    auth: 'manager',
    uses: { tables: { applications: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/partner-applications/{id}/approve',
    handler: 'approvePartnerApplication',
    auth: 'manager',
    uses: { tables: { applications: 'readWrite', partners: 'readWrite', departmentIndex: 'readWrite' }, mail: true, accountDirectory: true, reopensLogins: true },
  },
  {
    method: 'POST',
    path: '/partner-applications/{id}/reject',
    handler: 'rejectPartnerApplication',
    auth: 'manager',
    uses: { tables: { applications: 'readWrite' }, mail: true },
  },
  {
    method: 'POST',
    path: '/clients',
    handler: 'addClient',
    auth: 'partner',
    uses: {
      tables: {
        // Delete: inviting a closed client again under another name removes its stale search index entries.
        clients: 'readWriteDelete', invitations: 'readWrite', audit: 'append', cloudAccounts: 'read', partners: 'read',
        rateLimits: 'readWrite', idempotency: 'readWriteDelete',
      },
      mail: true,
    },
  },
  {
    method: 'GET',
    path: '/clients',
    handler: 'listClients',
    auth: 'partner',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite' }, cursors: true },
  },
  {
    method: 'GET',
    path: '/clients/{id}',
    handler: 'getClient',
    auth: 'partner',
    uses: { tables: { clients: 'read', rateLimits: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/clients/{id}/invitation/resend',
    handler: 'resendInvitation',
    auth: 'partner',
    uses: {
      tables: { clients: 'readWrite', invitations: 'readWrite', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete' },
      mail: true,
    },
  },
  {
    method: 'POST',
    path: '/clients/{id}/invitation/cancel',
    handler: 'cancelInvitation',
    auth: 'partner',
    uses: { tables: { clients: 'readWrite', invitations: 'readWrite', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete' } },
  },
  {
    method: 'GET',
    path: '/invitations/{token}',
    handler: 'viewInvitation',
    auth: 'public',
    uses: { tables: { invitations: 'read' } },
  },
  {
    method: 'POST',
    path: '/invitations/{token}/accept',
    handler: 'acceptInvitation',
    auth: 'console',
    uses: { tables: { invitations: 'readWrite', clients: 'readWrite', audit: 'append', idempotency: 'readWriteDelete' } },
  },
  {
    method: 'POST',
    path: '/invitations/{token}/decline',
    handler: 'declineInvitation',
    auth: 'console',
    uses: { tables: { invitations: 'readWrite', clients: 'readWrite', audit: 'append', idempotency: 'readWriteDelete' } },
  },
  {
    method: 'GET',
    path: '/audit',
    handler: 'listAudit',
    auth: 'partner',
    uses: { tables: { audit: 'read', rateLimits: 'readWrite' }, cursors: true },
  },
  {
    method: 'POST',
    path: '/billing-events',
    handler: 'postBillingEvents',
    auth: 'system',
    uses: { tables: { ledger: 'readWrite' } },
  },
  {
    method: 'GET',
    path: '/clients/{id}/balance',
    handler: 'getClientBalance',
    auth: 'partner',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite' } },
  },
  {
    method: 'GET',
    path: '/clients/{id}/balance/detail',
    handler: 'getClientBalanceDetail',
    auth: 'partner',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite' }, cursors: true },
  },
  {
    method: 'GET',
    path: '/clients/{id}/expenses',
    handler: 'getClientExpenses',
    auth: 'partner',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite' } },
  },
  ...(['block', 'unblock'] as const).map((operation): RouteSpec => ({
    method: 'POST',
    path: `/clients/{id}/${operation}`,
    handler: `${operation}Client`,
    auth: 'partner',
    uses: CLIENT_OPERATION_USES,
  })),
  { method: 'DELETE', path: '/clients/{id}', handler: 'deleteClient', auth: 'partner', uses: CLIENT_OPERATION_USES },
  { method: 'POST', path: '/clients/bulk', handler: 'bulkClientOperation', auth: 'partner', uses: CLIENT_OPERATION_USES },
  {
    method: 'GET',
    path: '/partners',
    handler: 'listPartners',
    auth: 'manager',
    uses: { tables: { departmentIndex: 'read', partners: 'read', clients: 'read' }, cursors: true },
  },
  {
    method: 'GET',
    path: '/partners/{id}',
    handler: 'getPartner',
    auth: 'manager',
    uses: { tables: { partners: 'read', clients: 'read', applications: 'read', audit: 'read' }, cursors: true },
  },
  { method: 'POST', path: '/partners/{id}/suspend', handler: 'suspendPartner', auth: 'manager', uses: PARTNER_STATE_USES },
  { method: 'POST', path: '/partners/{id}/resume', handler: 'resumePartner', auth: 'manager', uses: PARTNER_STATE_USES },
  {
    method: 'POST',
    path: '/partners/{id}/end',
    handler: 'endPartner',
    auth: 'manager',
    uses: { ...PARTNER_ENDING_USES, tables: { ...PARTNER_ENDING_USES.tables, ...PARTNER_STATE_USES.tables, clients: 'readWriteDelete' }, mail: true },
  },
] satisfies RouteSpec[]).map(withPartnerStanding);

/** Every scheduled job. */
export const jobs: readonly JobSpec[] = [
  {
    handler: 'escalateApplications',
    everyMinutes: 15,
    // Also delivers notices whose first sending failed, including approval logins.
    uses: { tables: { applications: 'readWrite' }, mail: true, accountDirectory: true },
  },
  {
    handler: 'expireInvitations',
    everyMinutes: 15,
    // Marks overdue invitations expired, then mails each partner and publishes the event (outbox, retried until done).
    uses: { tables: { invitations: 'readWrite', clients: 'readWrite', audit: 'append', partners: 'read' }, mail: true, events: true },
  },
  {
    handler: 'deliverClientFollowUps',
    everyMinutes: 5,
    // Publishes the events that block / unblock / delete requests left undone.
    uses: { tables: { clientFollowUps: 'readWriteDelete' }, events: true },
  },
  {
    handler: 'finishPartnerEndings',
    everyMinutes: 5,
    // Goes on with ended partnerships the confirming request could not finish: detaches the clients left, closes the login.
    uses: PARTNER_ENDING_USES,
  },
  {
    handler: 'backfillClientSearch',
    // One-off, on demand: fills the search index for clients stored before it existed (docs/deploy.md: when to run it).
    // Its answer's `cursor` (to invoke it again) is signed like a page cursor.
    uses: { tables: { clients: 'backfill' }, cursors: true },
  },
];

/** What the sign-in gate reads, item by item: who owns which account, and the status of the client serving it. */
const SIGN_IN_GATE_USES: Uses = { tables: { cloudAccounts: 'get', clients: 'get' } };

/**
 * The console users' pool triggers: the sign-in gate at every sign-in (pre-authentication) and at
 * every token issue or refresh (pre-token-generation, which also registers a new user's cloud
 * account and puts its id in the token).
 */
export const triggers: readonly TriggerSpec[] = [
  { handler: 'consoleSignInGate', trigger: 'preAuthentication', uses: SIGN_IN_GATE_USES },
  // Also registers a new user's cloud account: two conditional puts in one transaction.
  { handler: 'consoleTokenClaims', trigger: 'preTokenGeneration', uses: { tables: { cloudAccounts: 'getPut', clients: 'get' } } },
];
