/**
 * Composition root for Lambda containers: each dependency is created lazily, once per container,
 * so a bundle only contains (and a cold start only pays for) the clients its handler really calls.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SystemClock, type Clock } from '../domain/Clock';
import { createDocumentClient } from './dynamodb/documentClient';
import { SIGN_IN_CALL_TIMEOUTS } from './aws/callTimeouts';
import type { Mailer } from '../ports/Mailer';
import { SesMailer } from './ses/SesMailer';
import { mailSettingsFromEnv } from '../domain/mails/MailSettings';
import type { AccountDirectory } from '../ports/AccountDirectory';
import type { NoticeDeps } from '../domain/applications/deliverNotices';
import { DEFAULT_FORM_LIMITS, type FormLimits } from '../domain/applications/submissionLimits';
import type { RateLimit } from '../ports/RateLimiter';
import { randomIds, type IdGenerator } from '../domain/IdGenerator';
import { CognitoAccountDirectory } from './cognito/CognitoAccountDirectory';
import { DynamoApplicationQueries } from './dynamodb/DynamoApplicationQueries';
import { DynamoApplicationRepository } from './dynamodb/DynamoApplicationRepository';
import { DynamoPartnerRepository } from './dynamodb/DynamoPartnerRepository';
import { DynamoTeamReader, DynamoTeamStore } from './dynamodb/DynamoTeamStore';
import { DynamoApiKeyLookup, DynamoApiKeyStore } from './dynamodb/DynamoApiKeyStore';
import type { ApiKeyDeps } from '../domain/apiKeys/manageApiKeys';
import { DynamoWebhookStore } from './dynamodb/DynamoWebhookStore';
import { HttpWebhookTransport } from './http/HttpWebhookTransport';
import { SqsDeliveryQueue } from './sqs/SqsDeliveryQueue';
import type { ConsumerDeps } from '../domain/webhooks/consumeDeliveryQueue';
import type { DeliveryQueue } from '../ports/DeliveryQueue';
import type { ReplayDeps, WebhookDeps } from '../domain/webhooks/manageWebhooks';
import { tellEndpointDisabled } from '../domain/webhooks/tellEndpointDisabled';
import { DynamoClientAssignments } from './dynamodb/DynamoClientAssignments';
import { DEFAULT_MAX_MEMBERS } from '../domain/team/Member';
import type { TeamDeps } from '../domain/team/manageTeam';
import { DynamoStaffPreferences } from './dynamodb/DynamoStaffPreferences';
import type { ClientDeps } from '../domain/clients/ClientDeps';
import type { AnswerDeps, InvitationViewDeps } from '../domain/clients/answerInvitation';
import type { ExpiryDeps } from '../domain/clients/expireInvitations';
import type { EventPublisher } from '../ports/EventPublisher';
import { DynamoAuditTrail } from './dynamodb/DynamoAuditTrail';
import { DynamoClientAttention } from './dynamodb/DynamoClientAttention';
import { DynamoClientListing } from './dynamodb/DynamoClientListing';
import { DynamoClientQueries } from './dynamodb/DynamoClientQueries';
import { DynamoClientSearchBackfill } from './dynamodb/DynamoClientSearchBackfill';
import { DynamoClientIndex } from './dynamodb/DynamoClientIndex';
import { DynamoClientCounts } from './dynamodb/DynamoClientCounts';
import { DynamoClientRepository } from './dynamodb/DynamoClientRepository';
import { DynamoCloudAccountRegistry } from './dynamodb/DynamoCloudAccountRegistry';
import { DynamoLedger } from './dynamodb/DynamoLedger';
import { DynamoLedgerBalances } from './dynamodb/DynamoLedgerBalances';
import { DynamoLedgerQueries } from './dynamodb/DynamoLedgerQueries';
import type { BalanceDeps } from '../domain/balances/BalanceDeps';
import type { RecordDeps } from '../domain/balances/recordBillingEvents';
import { DynamoRateLimiter } from './dynamodb/DynamoRateLimiter';
import { EventBridgePublisher } from './eventbridge/EventBridgePublisher';
import type { ClientOperationDeps } from '../domain/clients/runClientOperation';
import type { DueFollowUpDeps } from '../domain/clients/clientFollowUps';
import { DynamoClientBatchStore } from './dynamodb/DynamoClientBatchStore';
import { DynamoClientFollowUpOutbox } from './dynamodb/DynamoClientFollowUpOutbox';
import { DynamoOperationConfirmations } from './dynamodb/DynamoOperationConfirmations';
import type { SignInGateDeps } from '../domain/accounts/admitConsoleUser';
import { loggedFailures } from '../observability/loggedFailures';
import { DynamoSpendStore } from './dynamodb/DynamoSpendStore';
import { DynamoAccountOwners } from './dynamodb/DynamoAccountOwners';
import { DynamoClientsByIds } from './dynamodb/DynamoClientsByIds';
import { DynamoClientNames } from './dynamodb/DynamoClientNames';
import type { IngestDeps } from '../domain/spend/ingestBillingEvents';
import type { BudgetDeps } from '../domain/spend/budgets';
import type { PortfolioDeps } from '../domain/spend/portfolio';
import { runSystemClientOperation } from '../domain/clients/runClientOperation';
import { BUDGET_ACTOR } from '../domain/spend/evaluateSpend';

import { DynamoPartnerRecords } from './dynamodb/DynamoPartnerRecords';
import type { PartnerStandingDeps } from '../domain/partners/changePartnerState';
import type { PartnerEndingDeps } from '../domain/partners/completePartnerEnding';

import type { ApplicationWorkDeps } from '../domain/applications/workOnApplication';

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

/**
 * Stand-ins for the services that exist only in AWS (Cognito, EventBridge), for processes that run
 * the handlers without AWS: the local stack and the tests install them; a Lambda function never
 * does, so they stay out of its bundle.
 */
export interface StandIns {
  readonly accountDirectory: () => AccountDirectory;
  readonly eventPublisher: () => EventPublisher;
  /** The webhook delivery queue (the local stack's in-memory queue); SQS when absent. */
  readonly deliveryQueue?: () => DeliveryQueue;
}

let standIns: StandIns | undefined;
let sharedDirectory: AccountDirectory | undefined;
let sharedEvents: EventPublisher | undefined;

/** Makes this process use `given` instead of Cognito and EventBridge (`shared/adapters/local/installLocalStandIns.ts`). */
export function installStandIns(given: StandIns): void {
  standIns = given;
  sharedDirectory = undefined;
  sharedEvents = undefined;
}

/** The login directory: the staff Cognito pool (`USER_POOL_ID`, which must be set), or the installed stand-in. */
export function accountDirectory(): AccountDirectory {
  sharedDirectory ??= standIns ? standIns.accountDirectory() : CognitoAccountDirectory.fromEnv();
  return sharedDirectory;
}

/** Partner accounts. */
export function partners(): DynamoPartnerRepository {
  return new DynamoPartnerRepository(documentClient());
}

/** A partner's clients' names by id, batched (the clients a page mentions). */
export function clientNames(): DynamoClientNames {
  return new DynamoClientNames(documentClient());
}

/** Partners' teams and their changes. */
export function teamStore(): DynamoTeamStore {
  return new DynamoTeamStore(documentClient());
}

/** Partners' teams, read only (the membership check of every partner route). */
export function teamReader(): DynamoTeamReader {
  return new DynamoTeamReader(documentClient());
}

/** Partners' API keys (the key check of every partner route that takes keys, and the API-keys routes). */
export function apiKeyStore(): DynamoApiKeyStore {
  return new DynamoApiKeyStore(documentClient());
}

/** Partners' API keys as the key check of every partner route reads them. */
export function apiKeyLookup(): DynamoApiKeyLookup {
  return new DynamoApiKeyLookup(documentClient());
}

/** What the API-keys routes need. */
export function apiKeyDeps(): ApiKeyDeps {
  return { keys: apiKeyStore(), clock, ids };
}

/** Plain-http loopback webhook endpoints are accepted: `WEBHOOK_ALLOW_LOOPBACK=true`, which only the local stack sets. */
export function webhookLoopbackAllowed(env = process.env): boolean {
  return env.WEBHOOK_ALLOW_LOOPBACK === 'true';
}

/** What the webhook routes need: the endpoints and their logs, the HTTP sender (SSRF-checked). */
export function webhookDeps(): WebhookDeps {
  const allowLoopback = webhookLoopbackAllowed();
  return { store: new DynamoWebhookStore(documentClient()), transport: new HttpWebhookTransport(allowLoopback), clock, ids, allowLoopback };
}

/**
 * What the webhook queue's consumer needs: the webhook deps, the queue (`WEBHOOK_QUEUE_URL`) to queue
 * retries on, and the partner's mail when an endpoint is disabled (linking to the console at `consoleUrl`).
 */
export function webhookConsumerDeps(consoleUrl: string): ConsumerDeps {
  const deps = webhookDeps();
  const notice = { store: deps.store, partners: partners(), mailer: mailer(), consoleUrl, mail: mailSettingsFromEnv(process.env) };
  return {
    ...deps,
    queue: standIns?.deliveryQueue?.() ?? SqsDeliveryQueue.fromEnv(),
    onDisabled: (partnerId, endpointId) => tellEndpointDisabled(notice, partnerId, endpointId),
  };
}

/** What asking for the replay of a delivery needs: the logs, and the bus that carries the request to the delivery queue. */
export function webhookReplayDeps(): ReplayDeps {
  return { store: new DynamoWebhookStore(documentClient()), events: eventPublisher(), clock, ids };
}

/** Client assignments to sales members (the assignment route only). */
export function clientAssignments(): DynamoClientAssignments {
  return new DynamoClientAssignments(documentClient());
}

/** Most members a team may have: `TEAM_MAX_MEMBERS`, default `DEFAULT_MAX_MEMBERS`. */
export function maxTeamMembers(env = process.env): number {
  return Number(env.TEAM_MAX_MEMBERS ?? DEFAULT_MAX_MEMBERS);
}

/** What inviting a colleague needs: the teams, the login directory, the team's size limit. */
export function teamDeps(): TeamDeps {
  return {
    team: teamStore(),
    directory: accountDirectory(),
    partners: partners(),
    clock,
    ids,
    maxMembers: maxTeamMembers(),
  };
}

/** Partner applications, for routes that only read them (no writes, mailer or directory in their bundle). */
export function applicationQueries(): DynamoApplicationQueries {
  return new DynamoApplicationQueries(documentClient());
}

/** Everything the partner-application use cases need, except the login directory. */
export function applicationDeps(): NoticeDeps & { ids: IdGenerator } {
  return {
    applications: new DynamoApplicationRepository(documentClient()),
    mailer: mailer(),
    clock,
    ids,
    settings: {
      ...mailSettingsFromEnv(process.env),
      departmentEmail: process.env.PARTNER_DEPARTMENT_EMAIL ?? 'partner-department@partnerdesk.local',
      consoleUrl: process.env.PUBLIC_BASE_URL,
    },
  };
}

/** The limits of the public form: `DEFAULT_FORM_LIMITS` unless `FORM_SUBMISSIONS_PER_SENDER_PER_HOUR` / `FORM_SUBMISSIONS_PER_ADDRESS_PER_DAY` say otherwise. */
export function formLimits(env = process.env): FormLimits {
  const configured = (name: string, fallback: RateLimit): RateLimit =>
    env[name] ? { ...fallback, limit: Number(env[name]) } : fallback;
  return {
    perSender: configured('FORM_SUBMISSIONS_PER_SENDER_PER_HOUR', DEFAULT_FORM_LIMITS.perSender),
    perAddress: configured('FORM_SUBMISSIONS_PER_ADDRESS_PER_DAY', DEFAULT_FORM_LIMITS.perAddress),
  };
}

/** The application use cases plus the login directory: for approvals and the outbox job (they create partner logins). */
export function approvalDeps(): NoticeDeps & { ids: IdGenerator } {
  return { ...applicationDeps(), directory: accountDirectory() };
}

/** Partners' clients and their invitations, to change them. */
export function clientRepository(): DynamoClientRepository {
  return new DynamoClientRepository(documentClient());
}

/** Partners' clients and their invitations, read only (also the `ClientLookup` other features use): no write code in the bundle. */
export function clientQueries(): DynamoClientQueries {
  return new DynamoClientQueries(documentClient());
}

/** A partner's clients as `GET /clients` lists them: only that route bundles the listing. */
export function clientListing(): DynamoClientListing {
  return new DynamoClientListing(documentClient());
}

/** What follows the clients table (search index, counts): the change stream's consumer. */
export function clientIndex(): DynamoClientIndex {
  return new DynamoClientIndex(documentClient());
}

/** Each partner's client counts per status, as the consumer of the clients' change stream keeps them. */
/** The candidates of the "needs attention" view: the clients' attention index and the ledger's balances below zero. */
export function clientAttention(): DynamoClientAttention {
  return new DynamoClientAttention(documentClient());
}

export function clientCounts(): DynamoClientCounts {
  return new DynamoClientCounts(documentClient());
}

/** The backfill of the client search index and counts (the one-off job). */
export function clientSearchBackfill(): DynamoClientSearchBackfill {
  return new DynamoClientSearchBackfill(documentClient());
}

/** Partners' audit trails. */
export function auditTrail(): DynamoAuditTrail {
  return new DynamoAuditTrail(documentClient());
}

/** Fixed-window rate limits. */
export function rateLimiter(): DynamoRateLimiter {
  return new DynamoRateLimiter(documentClient());
}

/** The event bus: EventBridge (`EVENT_BUS_NAME`, which must be set), or the installed stand-in. */
export function eventPublisher(): EventPublisher {
  sharedEvents ??= standIns ? standIns.eventPublisher() : EventBridgePublisher.fromEnv();
  return sharedEvents;
}

/** What the partner's client routes need (no event bus: only the expiry job publishes). */
export function clientDeps(publicBaseUrl: string): Omit<ClientDeps, 'events'> {
  return {
    clients: clientRepository(),
    accounts: new DynamoCloudAccountRegistry(documentClient()),
    partners: partners(),
    mailer: mailer(),
    limits: rateLimiter(),
    clock,
    ids,
    publicBaseUrl,
    mail: mailSettingsFromEnv(process.env),
    ...(process.env.INVITATIONS_PER_PARTNER_PER_DAY && { invitationsPerDay: Number(process.env.INVITATIONS_PER_PARTNER_PER_DAY) }),
  };
}

/** What the invitation routes without mail need (cancel). */
export function invitationDeps(): Pick<ClientDeps, 'clients' | 'clock' | 'ids'> {
  return { clients: clientRepository(), clock, ids };
}

/** What the invitation answers need: the invitation's records, and the partner, the mailer and the event bus to tell the partner and its systems (`notifyPartner`). */
export function answerDeps(publicBaseUrl: string): AnswerDeps {
  return { ...invitationDeps(), partners: partners(), mailer: mailer(), events: eventPublisher(), publicBaseUrl, mail: mailSettingsFromEnv(process.env) };
}

/** What the public invitation page needs: reads only. */
export function invitationViewDeps(): InvitationViewDeps {
  return { clients: clientQueries(), clock };
}

/** What the invitation expiry job needs. */
export function invitationExpiryDeps(publicBaseUrl: string): ExpiryDeps {
  return { ...answerDeps(publicBaseUrl), events: eventPublisher() };
}

/** The billing ledger of cloud accounts. */
export function ledger(): DynamoLedger {
  return new DynamoLedger(documentClient());
}

/** Current balances only (the clients list), without the ledger's posting code. */
export function ledgerBalances(): DynamoLedgerBalances {
  return new DynamoLedgerBalances(documentClient());
}

/** What billing ingestion (`POST /billing-events`, the seed's importer) needs. */
export function billingDeps(): RecordDeps {
  return { ledger: ledger(), clock };
}

/** What the balance reads need: clients are resolved only through the partner-scoped `ClientLookup`. */
export function balanceDeps(): BalanceDeps {
  return { clients: clientQueries(), ledger: new DynamoLedgerQueries(documentClient()), clock };
}

/** What the block / unblock / delete routes need: batched client store, confirmations, event bus, the log of failed writes (lines carry `requestId` as `correlation_id`). */
export function clientOperationDeps(requestId?: string): ClientOperationDeps {
  return {
    operations: new DynamoClientBatchStore(documentClient()),
    confirmations: new DynamoOperationConfirmations(documentClient()),
    events: eventPublisher(),
    clock,
    ids,
    failures: loggedFailures(requestId),
  };
}

/** What the console users' sign-in gate (Cognito triggers, the local sign-in) needs. */
let sharedSignInDocumentClient: DynamoDBDocumentClient | undefined;

/** The DynamoDB client of the sign-in triggers, with the sign-in time-outs (Cognito waits 5 s at most). */
export function signInDocumentClient(): DynamoDBDocumentClient {
  sharedSignInDocumentClient ??= createDocumentClient(undefined, SIGN_IN_CALL_TIMEOUTS);
  return sharedSignInDocumentClient;
}

/** What the console users' sign-in triggers need, on `signInDocumentClient`. */
export function signInGateDeps(): SignInGateDeps {
  return { accounts: new DynamoCloudAccountRegistry(signInDocumentClient()), clock };
}

/** What the follow-up job needs: the outbox only, no write code. */
export function followUpDeps(): DueFollowUpDeps {
  return { operations: new DynamoClientFollowUpOutbox(documentClient()), events: eventPublisher(), clock };
}

/** Spend control's store (budgets, alert markers, notifications, portfolio reads). */
export function spendStore(): DynamoSpendStore {
  return new DynamoSpendStore(documentClient());
}

/** What billing ingestion with spend control needs: the ledger, who serves each account, and alert evaluation (mail, events, the block at a budget's limit). */
export function ingestDeps(requestId?: string): IngestDeps {
  const store = spendStore();
  // The block at a budget's limit: the client operation machinery without confirmations (the system decided it).
  const operations = {
    operations: new DynamoClientBatchStore(documentClient()), events: eventPublisher(), clock, ids, failures: loggedFailures(requestId),
  };
  return {
    ...billingDeps(),
    owners: new DynamoAccountOwners(documentClient()),
    spend: {
      budgets: store,
      alerts: store,
      ledger: new DynamoLedgerQueries(documentClient()),
      partners: partners(),
      mailer: mailer(),
      mail: mailSettingsFromEnv(process.env),
      events: eventPublisher(),
      failures: operations.failures,
      clock,
      blockClient: async (partnerId, clientId) => {
        await runSystemClientOperation(operations, partnerId, BUDGET_ACTOR, 'block', clientId);
      },
    },
  };
}

/** What changing the partner's default budget needs: the budgets only. */
export function defaultBudgetDeps(): Pick<BudgetDeps, 'budgets' | 'clock' | 'ids'> {
  return { budgets: spendStore(), clock, ids };
}

/** What reading a client's budget needs: budgets and the partner's clients only. */
export function budgetReadDeps(): Pick<BudgetDeps, 'budgets' | 'clients' | 'clock'> {
  return { budgets: spendStore(), clients: new DynamoClientsByIds(documentClient()), clock };
}

/** What setting and removing clients' budgets need (balances: the currency of each client's account). */
export function budgetDeps(): BudgetDeps {
  return {
    budgets: spendStore(),
    clients: new DynamoClientsByIds(documentClient()),
    ledger: ledgerBalances(),
    clock,
    ids,
  };
}

/** What the portfolio reads need. */
export function portfolioDeps(): PortfolioDeps {
  const store = spendStore();
  return {
    portfolio: store,
    notifications: store,
    budgets: store,
    clients: new DynamoClientsByIds(documentClient()),
    ledger: ledgerBalances(),
    clock,
  };
}

/** What the signed-in staff's own profile and language choice need. */
export function staffDeps(): { preferences: DynamoStaffPreferences } {
  return { preferences: new DynamoStaffPreferences(documentClient()) };
}

/** The partner department's records of partners: list, counts, history, state changes, the ending queue. */
export function partnerRecords(): DynamoPartnerRecords {
  return new DynamoPartnerRecords(documentClient());
}

/** What suspend / resume / end need (lines of the failure log carry `requestId`). */
export function partnerStandingDeps(requestId?: string): PartnerStandingDeps {
  return {
    partners: partnerRecords(),
    confirmations: new DynamoOperationConfirmations(documentClient()),
    mailer: mailer(),
    failures: loggedFailures(requestId),
    clock,
    ids,
  };
}

/** What closing an ended partnership needs: the clients' batch machinery, the records, the login directory. */
export function partnerEndingDeps(requestId?: string): PartnerEndingDeps {
  const records = partnerRecords();
  return {
    operations: new DynamoClientBatchStore(documentClient()),
    events: eventPublisher(),
    clock,
    ids,
    failures: loggedFailures(requestId),
    partners: records,
    endings: records,
    team: teamStore(),
    directory: accountDirectory(),
  };
}

/** What taking an application and recording contact attempts need: the repository and the clock, no mail. */
export function applicationWorkDeps(): ApplicationWorkDeps {
  return { applications: new DynamoApplicationRepository(documentClient()), clock };
}
