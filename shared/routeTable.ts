/**
 * The route and job table: declared once, read by the CDK stack (`infra/`) and by the local
 * gateway (`infra/local/`). Each entry names its handler module under `functions/` and what it
 * touches, so the stack can grant exactly that (least privilege) and nothing more.
 */
import { CLIENT_SORT_PREFIX } from './adapters/dynamodb/clientKeys';
import type { TableName } from './adapters/dynamodb/tables';
import type { MemberRole } from './domain/team/Member';
import type { ApiKeyScope } from './domain/apiKeys/ApiKey';

/**
 * Who may call a route: nobody in particular, a partner, a manager, either of them (`staff`: a
 * person's own preferences), a machine client, or a cloud account's owner signed in to the cloud console.
 */
export type AuthKind = 'public' | 'partner' | 'manager' | 'staff' | 'system' | 'console';

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
 * - `getPut`: single-item reads by key and puts of new items (conditional; alone or in a transaction), no update, query or delete;
 * - `appendReadBack`: `append`, and reads of items by key (get, batch get) — the audit trail of the client operations,
 *   whose resumed confirmations and lost races read back the entries they wrote; no query, update or delete.
 */
export type TableAccess = 'read' | 'append' | 'readWrite' | 'readWriteDelete' | 'backfill' | 'get' | 'getPut' | 'appendReadBack';

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
  /** Deletes partners' logins from the staff directory (a member removed from its team). */
  readonly removesLogins?: boolean;
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
  /**
   * Partner routes only, and required there: the member roles that may use the route (the
   * membership check refuses the others with 403 `role_not_allowed`; the stack hands the rule to
   * the function as `PARTNER_ROUTE_ROLES`). The route × role matrix test walks every route from it.
   */
  readonly roles?: readonly MemberRole[];
  /**
   * Partner routes only, and required there: the scope an API key needs to call the route (issue 33),
   * or `null` where no key may (the team, a person's own things, the API keys themselves). A route
   * that takes keys also reads them and records their last use (`withKeyCheck` adds the table).
   */
  readonly scope?: ApiKeyScope | null;
}

/** One scheduled job, run by an EventBridge rule in AWS and by a timer locally. */
export interface JobSpec {
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  /** How often it runs, in minutes; absent for a one-off task an operator invokes (a backfill). */
  readonly everyMinutes?: number;
  readonly uses: Uses;
}

/**
 * One consumer of a table's change stream (DynamoDB Streams): an event source mapping in AWS
 * (`infra/constructs/Streams.ts`), a poller of the same handler locally (`infra/local/streamPoller.ts`).
 * Its handler must be idempotent: a batch may be delivered again, and is split and retried on error.
 */
export interface StreamSpec {
  /** Module under `functions/` (no extension) that exports `handler` (a `DynamoDBStreamEvent` handler). */
  readonly handler: string;
  /** The table whose stream it reads (`tables.ts` declares the stream). */
  readonly table: TableName;
  /** Only records of items whose sort key starts with this reach the handler (the mapping's filter). */
  readonly sortKeyPrefix?: string;
  readonly uses: Uses;
}

/**
 * One consumer of a queue fed by the domain event bus (issue 33): an EventBridge rule → an SQS queue
 * with a dead-letter queue → an event source mapping in AWS (`infra/constructs/Queues.ts`). The
 * handler takes an `SQSEvent`, reports failed messages alone (`ReportBatchItemFailures`) and may send
 * messages to its own queue (its URL in the variable `queueUrlVariable` names).
 */
export interface QueueSpec {
  /** Module under `functions/` (no extension) that exports `handler`. */
  readonly handler: string;
  /** The domain event types (`detail-type` on the bus) the rule sends to the queue. */
  readonly eventTypes: readonly string[];
  /** The environment variable that names the queue's URL to the handler (it queues retries on it). */
  readonly queueUrlVariable: string;
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

/** What the membership check of every partner route reads: the partner's item, which holds its team. */
const MEMBERSHIP_TABLES = { partners: 'read' } as const satisfies Uses['tables'];

/**
 * What block / unblock / delete touch: the clients with their invitations, audit and follow-up
 * outbox in one transaction, the confirmation tokens and the event bus. No login directory: the
 * console's sign-in gate reads the committed status.
 */
const CLIENT_OPERATION_USES: Uses = {
  tables: {
    clients: 'readWriteDelete', invitations: 'readWrite', audit: 'appendReadBack', clientFollowUps: 'readWriteDelete',
    operationConfirmations: 'readWrite', rateLimits: 'readWrite', idempotency: 'readWriteDelete', ...MEMBERSHIP_TABLES,
  },
  events: true,
};

/** What setting or removing a client's budget touches: the budget with its audit entry, the clients (whose) and balances (which currency). */
const BUDGET_WRITE_USES = {
  tables: { spend: 'readWrite', clients: 'read', ledger: 'read', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete', ...MEMBERSHIP_TABLES },
} as const satisfies Uses;

/** What the portfolio reads: the spend sums, notifications and budgets, and the page's clients and balances. */
const PORTFOLIO_USES: Uses = { tables: { spend: 'read', clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } };

/**
 * Who may use which partner route (issue 31): owner and admin everything, the team included;
 * operations the clients (add, invitations, block / unblock / delete) and their balances; finance
 * balances, expenses and the audit, no client changes; sales adds clients and handles their
 * invitations, and sees only the clients assigned to it (a client outside answers 404).
 */
const ROLES = {
  everyone: ['owner', 'admin', 'operations', 'finance', 'sales'],
  team: ['owner', 'admin'],
  addClients: ['owner', 'admin', 'operations', 'sales'],
  operateClients: ['owner', 'admin', 'operations'],
  balances: ['owner', 'admin', 'operations', 'finance', 'sales'],
  balanceDetail: ['owner', 'admin', 'operations', 'finance'],
  expenses: ['owner', 'admin', 'finance'],
  audit: ['owner', 'admin', 'finance'],
  // Budgets, alerts and the portfolio span every client of the partner: not for sales (issue 30 under issue 31).
  spend: ['owner', 'admin', 'operations', 'finance'],
} as const satisfies Record<string, readonly MemberRole[]>;

/** A route that takes API keys reads them (the key check) and records their last use: it gets the keys' table from its scope. */
function withKeyCheck(route: RouteSpec): RouteSpec {
  return route.scope ? { ...route, uses: { ...route.uses, tables: { ...route.uses.tables, apiKeys: 'readWrite' } } } : route;
}

/**
 * What suspend and resume touch: the partner, its index entries, its client counts, the managers'
 * audit (a repeated confirmation reads its change's entry by key), the confirmation tokens, the mail.
 */
const PARTNER_STATE_USES: Uses = {
  tables: { partners: 'readWrite', departmentIndex: 'readWriteDelete', clients: 'read', audit: 'getPut', operationConfirmations: 'readWrite' },
  mail: true,
};

/**
 * What closing an ended partnership touches besides: the clients (detached with the client
 * operations' batch machinery, their invitations, audit and follow-ups), the event bus and the
 * login directory (the partner's login is closed); the ending queue entry is deleted when done.
 */
const PARTNER_ENDING_USES: Uses = {
  tables: {
    partners: 'read', departmentIndex: 'readWriteDelete', clients: 'readWriteDelete', invitations: 'readWrite', audit: 'appendReadBack', clientFollowUps: 'readWriteDelete',
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
  // The language is kept on the partner item (a partner's) or a manager-preferences item, both in `partners`.
  { method: 'GET', path: '/me', handler: 'getMe', auth: 'staff', uses: { tables: { partners: 'read' } } },
  { method: 'PUT', path: '/me/language', handler: 'setMyLanguage', auth: 'staff', uses: { tables: { partners: 'readWrite' } } },
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
    roles: ROLES.addClients,
    scope: 'clients:write',
    uses: {
      tables: {
        clients: 'readWrite', invitations: 'readWrite', audit: 'append', cloudAccounts: 'read', ...MEMBERSHIP_TABLES,
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
    roles: ROLES.everyone,
    scope: 'clients:read',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES }, cursors: true },
  },
  {
    // Before `/clients/{id}`: the local gateway takes the first route that matches (API Gateway the most specific).
    method: 'GET',
    path: '/clients/summary',
    handler: 'getClientSummary',
    auth: 'partner',
    // Counts over every client of the partner: not for sales, who see only their own clients.
    roles: ROLES.spend,
    scope: 'clients:read',
    uses: { tables: { clients: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    // Before `/clients/{id}`, as the summary.
    method: 'GET',
    path: '/clients/attention',
    handler: 'listClientsNeedingAttention',
    auth: 'partner',
    // Over every client of the partner, like the counts: not for sales, who see only their own clients.
    roles: ROLES.spend,
    scope: 'clients:read',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'GET',
    path: '/clients/{id}',
    handler: 'getClient',
    auth: 'partner',
    roles: ROLES.everyone,
    scope: 'clients:read',
    uses: { tables: { clients: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'PATCH',
    path: '/clients/{id}',
    handler: 'editClient',
    auth: 'partner',
    // Whoever may add a client may correct its details; a sales member only those of its own clients.
    roles: ROLES.addClients,
    scope: 'clients:write',
    uses: { tables: { clients: 'readWrite', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'POST',
    path: '/clients/{id}/invitation/resend',
    handler: 'resendInvitation',
    auth: 'partner',
    roles: ROLES.addClients,
    scope: 'clients:write',
    uses: {
      tables: { clients: 'readWrite', invitations: 'readWrite', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete', ...MEMBERSHIP_TABLES },
      mail: true,
    },
  },
  {
    method: 'POST',
    path: '/clients/{id}/invitation/cancel',
    handler: 'cancelInvitation',
    auth: 'partner',
    roles: ROLES.addClients,
    scope: 'clients:write',
    uses: {
      tables: { clients: 'readWrite', invitations: 'readWrite', audit: 'append', rateLimits: 'readWrite', idempotency: 'readWriteDelete', ...MEMBERSHIP_TABLES },
    },
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
    // Tells the partner at once (partner-notice outbox: the partner's address and language, the mail, the event).
    uses: { tables: { invitations: 'readWrite', clients: 'readWrite', audit: 'append', partners: 'read', idempotency: 'readWriteDelete' }, mail: true, events: true },
  },
  {
    method: 'POST',
    path: '/invitations/{token}/decline',
    handler: 'declineInvitation',
    auth: 'console',
    uses: { tables: { invitations: 'readWrite', clients: 'readWrite', audit: 'append', partners: 'read', idempotency: 'readWriteDelete' }, mail: true, events: true },
  },
  {
    method: 'GET',
    path: '/audit',
    handler: 'listAudit',
    auth: 'partner',
    roles: ROLES.audit,
    scope: 'finance:read',
    uses: { tables: { audit: 'read', clients: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES }, cursors: true },
  },
  {
    method: 'POST',
    path: '/billing-events',
    handler: 'postBillingEvents',
    auth: 'system',
    // Spend control: reads who serves each account, counts served spend and fires alerts (mail, events, notifications),
    // and may block a client at its budget's limit (the client operation's writes, without confirmations).
    uses: {
      tables: {
        ledger: 'readWrite', spend: 'readWrite', clients: 'readWriteDelete', invitations: 'readWrite', audit: 'appendReadBack',
        clientFollowUps: 'readWriteDelete', partners: 'read',
      },
      mail: true,
      events: true,
    },
  },
  {
    method: 'GET',
    path: '/clients/{id}/balance',
    handler: 'getClientBalance',
    auth: 'partner',
    roles: ROLES.balances,
    scope: 'finance:read',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'GET',
    path: '/clients/{id}/balance/detail',
    handler: 'getClientBalanceDetail',
    auth: 'partner',
    roles: ROLES.balanceDetail,
    scope: 'finance:read',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES }, cursors: true },
  },
  {
    method: 'GET',
    path: '/clients/{id}/expenses',
    handler: 'getClientExpenses',
    auth: 'partner',
    roles: ROLES.expenses,
    scope: 'finance:read',
    uses: { tables: { clients: 'read', ledger: 'read', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  ...(['block', 'unblock'] as const).map((operation): RouteSpec => ({
    method: 'POST',
    path: `/clients/{id}/${operation}`,
    handler: `${operation}Client`,
    auth: 'partner',
    roles: ROLES.operateClients,
    scope: 'clients:write',
    uses: CLIENT_OPERATION_USES,
  })),
  { method: 'DELETE', path: '/clients/{id}', handler: 'deleteClient', auth: 'partner', roles: ROLES.operateClients, scope: 'clients:write', uses: CLIENT_OPERATION_USES },
  { method: 'POST', path: '/clients/bulk', handler: 'bulkClientOperation', auth: 'partner', roles: ROLES.operateClients, scope: 'clients:write', uses: CLIENT_OPERATION_USES },
  { method: 'GET', path: '/clients/{id}/budget', handler: 'getClientBudget', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'read', clients: 'read', rateLimits: 'readWrite' } } },
  { method: 'PUT', path: '/clients/{id}/budget', handler: 'setClientBudget', auth: 'partner', roles: ROLES.spend, scope: 'budgets:write', uses: BUDGET_WRITE_USES },
  { method: 'DELETE', path: '/clients/{id}/budget', handler: 'removeClientBudget', auth: 'partner', roles: ROLES.spend, scope: 'budgets:write', uses: { tables: { ...MEMBERSHIP_TABLES, ...BUDGET_WRITE_USES.tables, spend: 'readWriteDelete' } } },
  {
    method: 'POST',
    path: '/budgets/bulk',
    handler: 'setBudgets',
    auth: 'partner',
    roles: ROLES.spend,
    scope: 'budgets:write',
    uses: BUDGET_WRITE_USES,
  },
  { method: 'PUT', path: '/budgets/default', handler: 'setDefaultBudget', auth: 'partner', roles: ROLES.spend, scope: 'budgets:write', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'DELETE', path: '/budgets/default', handler: 'removeDefaultBudget', auth: 'partner', roles: ROLES.spend, scope: 'budgets:write', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'readWriteDelete', rateLimits: 'readWrite' } } },
  { method: 'GET', path: '/budgets', handler: 'listBudgets', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'read', clients: 'read', rateLimits: 'readWrite' }, cursors: true } },
  { method: 'GET', path: '/notifications', handler: 'listNotifications', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'read', clients: 'read', rateLimits: 'readWrite' }, cursors: true } },
  { method: 'GET', path: '/notifications/unread-count', handler: 'countUnreadNotifications', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'read', rateLimits: 'readWrite' } } },
  { method: 'POST', path: '/notifications/{id}/read', handler: 'markNotificationRead', auth: 'partner', roles: ROLES.spend, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, spend: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'GET', path: '/portfolio', handler: 'getPortfolio', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: PORTFOLIO_USES },
  { method: 'GET', path: '/portfolio/clients', handler: 'listClientsBySpend', auth: 'partner', roles: ROLES.spend, scope: 'finance:read', uses: { ...PORTFOLIO_USES, cursors: true } },
  {
    method: 'POST',
    path: '/clients/assignments',
    handler: 'assignClients',
    auth: 'partner',
    roles: ROLES.team,
    scope: null,
    uses: { tables: { clients: 'readWrite', rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'GET',
    path: '/team/me',
    handler: 'getTeamMembership',
    auth: 'partner',
    roles: ROLES.everyone,
    scope: null,
    // Writes the caller's last sign-in into the partner's item.
    uses: { tables: { partners: 'readWrite', rateLimits: 'readWrite' } },
  },
  {
    method: 'GET',
    path: '/team/members',
    handler: 'listTeamMembers',
    auth: 'partner',
    roles: ROLES.team,
    scope: null,
    uses: { tables: { rateLimits: 'readWrite', ...MEMBERSHIP_TABLES } },
  },
  {
    method: 'POST',
    path: '/team/members',
    handler: 'inviteTeamMember',
    auth: 'partner',
    roles: ROLES.team,
    scope: null,
    // Binds the e-mail to the partner (a marker item) and creates the member's staff login.
    uses: { tables: { partners: 'readWrite', rateLimits: 'readWrite' }, accountDirectory: true },
  },
  {
    method: 'PATCH',
    path: '/team/members/{memberId}',
    handler: 'changeTeamMemberRole',
    auth: 'partner',
    // Role `owner` hands ownership over: the use case lets only the owner do that (owners and admins share this route).
    roles: ROLES.team,
    scope: null,
    uses: { tables: { partners: 'readWrite', rateLimits: 'readWrite' } },
  },
  {
    method: 'DELETE',
    path: '/team/members/{memberId}',
    handler: 'removeTeamMember',
    auth: 'partner',
    roles: ROLES.team,
    scope: null,
    // Frees the e-mail's marker item and deletes the member's staff login.
    uses: { tables: { partners: 'readWriteDelete', rateLimits: 'readWrite' }, removesLogins: true },
  },
  // API keys (issue 33): the owner and admins manage them; no key manages keys.
  { method: 'POST', path: '/api-keys', handler: 'createApiKey', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, apiKeys: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'GET', path: '/api-keys', handler: 'listApiKeys', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, apiKeys: 'read', rateLimits: 'readWrite' } } },
  { method: 'DELETE', path: '/api-keys/{id}', handler: 'revokeApiKey', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, apiKeys: 'readWrite', rateLimits: 'readWrite' } } },
  // Webhooks (issue 33): the owner and admins manage the partner's endpoints; the test event is sent from the route itself.
  { method: 'POST', path: '/webhooks', handler: 'createWebhookEndpoint', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'GET', path: '/webhooks', handler: 'listWebhookEndpoints', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'read', rateLimits: 'readWrite' } } },
  { method: 'DELETE', path: '/webhooks/{id}', handler: 'removeWebhookEndpoint', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'readWriteDelete', rateLimits: 'readWrite' } } },
  { method: 'POST', path: '/webhooks/{id}/secret', handler: 'rotateWebhookSecret', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'POST', path: '/webhooks/{id}/test', handler: 'sendWebhookTestEvent', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'readWrite', rateLimits: 'readWrite' } } },
  { method: 'GET', path: '/webhooks/{id}/deliveries', handler: 'listWebhookDeliveries', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'read', rateLimits: 'readWrite' } } },
  // The replay goes on the bus, whose rule feeds the delivery queue (no queue grant on a route).
  {
    method: 'POST', path: '/webhooks/{id}/deliveries/{deliveryId}/replay', handler: 'replayWebhookDelivery', auth: 'partner', roles: ROLES.team, scope: null,
    uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'read', rateLimits: 'readWrite' }, events: true },
  },
  { method: 'POST', path: '/webhooks/{id}/enable', handler: 'enableWebhookEndpoint', auth: 'partner', roles: ROLES.team, scope: null, uses: { tables: { ...MEMBERSHIP_TABLES, webhooks: 'readWrite', rateLimits: 'readWrite' } } },
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
    uses: { ...PARTNER_ENDING_USES, tables: { ...PARTNER_ENDING_USES.tables, ...PARTNER_STATE_USES.tables, clients: 'readWriteDelete', audit: 'appendReadBack' }, mail: true },
  },
] satisfies RouteSpec[]).map(withPartnerStanding).map(withKeyCheck);

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
    // Marks overdue invitations expired, then mails each partner and publishes the event (outbox, retried until done);
    // also retries the partner notices of accepted and declined invitations that their request could not send.
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
    // Goes on with ended partnerships the confirming request could not finish: detaches the clients left, closes the logins.
    uses: PARTNER_ENDING_USES,
  },
  {
    handler: 'backfillClientSearch',
    // One-off, on demand: fills the search index and the counts for clients stored before the clients' change stream (docs/deploy.md: when to run it).
    // Its answer's `cursor` (to invoke it again) is signed like a page cursor.
    uses: { tables: { clients: 'backfill' }, cursors: true },
  },
];

/** Every consumer of a change stream. */
export const streams: readonly StreamSpec[] = [
  {
    handler: 'indexClients',
    table: 'clients',
    sortKeyPrefix: CLIENT_SORT_PREFIX,
    // Writes and removes search index entries, moves the per-partner counts (delete: a client's entries when it is renamed or detached).
    uses: { tables: { clients: 'readWriteDelete' } },
  },
];

/** Every consumer of a queue fed by the event bus. */
export const queues: readonly QueueSpec[] = [
  {
    handler: 'deliverWebhooks',
    // The domain events a webhook carries (WEBHOOK_EVENT_OF_DOMAIN_EVENT; a unit test holds the two lists equal).
    eventTypes: [
      'ClientBlocked', 'ClientUnblocked', 'ClientDetached', 'ClientInvitationAccepted', 'ClientInvitationDeclined', 'ClientInvitationExpired',
      'ClientBudgetThresholdReached', 'ClientSpendAnomaly', 'BulkClientOperationCompleted',
      // A partner's replay of one logged delivery (`POST /webhooks/{id}/deliveries/{deliveryId}/replay`).
      'WebhookDeliveryReplayRequested',
    ],
    queueUrlVariable: 'WEBHOOK_QUEUE_URL',
    // Reads the endpoints, logs each attempt, disables an endpoint failing for 24 h (no delete: old log entries expire by TTL)
    // and mails its partner (the partner's address and language).
    uses: { tables: { webhooks: 'readWrite', partners: 'read' }, mail: true },
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
