import * as z from 'zod/mini';
import type { NamedSchemas, OperationDocs } from './openapi';
import { applicationOperations, applicationView, submittedApplicationView } from './docs/applications';
import { balanceDetailView, balanceOperations, balanceView, billingEventsResponse, expensesView } from './docs/balances';
import { auditEntryView, clientOperations, clientView, invitationView, listedClientView } from './docs/clients';
import { meOperations, meView } from './docs/me';
import { clientOperationOperations, operationPreviewView, operationResultView } from './docs/clientOperations';
import { budgetView, portfolioView, spendOperations } from './docs/spend';
import { apiKeyListView, apiKeyOperations, apiKeyView, createdApiKeyView } from './docs/apiKeys';
import { deliveryAttemptView, deliveryLogView, webhookEndpointListView, webhookEndpointView, webhookEndpointWithSecretView, webhookOperations } from './docs/webhooks';
import { assignmentView, memberView, myMembershipView, teamOperations, teamView } from './docs/team';
import { partnerAuditEntryView, partnerOperations, partnerPageView, partnerStatePreviewView, partnerStateResultView, partnerSummaryView } from './docs/partners';

/** The document as `GET /openapi.json` serves it: an OpenAPI 3.0 object, described by that standard rather than here. */
const openApiObject = z.looseObject({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) });

/** Every route's OpenAPI doc, by feature. A unit test checks each route of the table has one. */
export const operationDocs: OperationDocs = {
  'GET /openapi.json': {
    summary: 'This OpenAPI document',
    description: 'This OpenAPI 3.0 document',
    tag: 'Meta', response: openApiObject, success: { 200: 'The document, naming the address it was fetched from as its server' },
    examples: { response: { openapi: '3.0.3', info: { title: 'partnerdesk API', version: '1.0.0' }, paths: {} } },
  },
  ...meOperations,
  ...applicationOperations,
  ...clientOperations,
  ...clientOperationOperations,
  ...balanceOperations,
  ...spendOperations,
  ...teamOperations,
  ...apiKeyOperations,
  ...webhookOperations,
  ...partnerOperations,
};

/** The response schemas the document names (and generated clients with it). */
export const namedSchemas: NamedSchemas = {
  Me: meView,
  Application: applicationView,
  SubmittedApplication: submittedApplicationView,
  Client: clientView,
  ListedClient: listedClientView,
  Invitation: invitationView,
  AuditEntry: auditEntryView,
  Balance: balanceView,
  BalanceDetail: balanceDetailView,
  Expenses: expensesView,
  BillingEventResults: billingEventsResponse,
  OperationPreview: operationPreviewView,
  OperationResult: operationResultView,
  Budget: budgetView,
  Portfolio: portfolioView,
  Member: memberView,
  Team: teamView,
  MyMembership: myMembershipView,
  Assignment: assignmentView,
  ApiKey: apiKeyView,
  ApiKeys: apiKeyListView,
  CreatedApiKey: createdApiKeyView,
  WebhookEndpoint: webhookEndpointView,
  WebhookEndpoints: webhookEndpointListView,
  WebhookEndpointWithSecret: webhookEndpointWithSecretView,
  DeliveryAttempt: deliveryAttemptView,
  DeliveryLog: deliveryLogView,
  Partner: partnerSummaryView,
  PartnerPage: partnerPageView,
  PartnerAuditEntry: partnerAuditEntryView,
  PartnerStatePreview: partnerStatePreviewView,
  PartnerStateResult: partnerStateResultView,
};
