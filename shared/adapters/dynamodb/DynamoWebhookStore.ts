import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import { type DeliveryAttempt, MAX_LOGGED_ATTEMPTS, MAX_WEBHOOK_ENDPOINTS, type WebhookEndpoint } from '../../domain/webhooks/WebhookEndpoint';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/WebhookEvent';
import type { WebhookStore } from '../../ports/WebhookStore';
import { isoDate, optionalIsoDate } from './storedDate';
import { optionalStoredText, storedNumber, storedText } from './storedFields';
import { physicalTableName } from './tables';
import { conditionalUpdate } from './conditionalUpdate';
import { attemptKey, attemptSortPrefix, ENDPOINT_SORT_PREFIX, webhookEndpointKey, webhookPartitionKey } from './webhookKeys';

/** How long a logged attempt stays (the log shows the last `MAX_LOGGED_ATTEMPTS`; TTL removes the older ones). */
const ATTEMPT_TTL_SECONDS = 30 * 86_400;

const endpointItem = z.object({
  endpointId: storedText,
  partnerId: storedText,
  url: storedText,
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  secret: storedText,
  previousSecret: z.optional(z.object({ secret: storedText, until: isoDate })),
  status: z.enum(['enabled', 'disabled']),
  createdAt: isoDate,
  failingSince: optionalIsoDate,
});

const attemptItem = z.object({
  messageId: storedText,
  endpointId: storedText,
  eventType: storedText,
  at: isoDate,
  attempt: storedNumber,
  outcome: z.enum(['succeeded', 'failed']),
  responseStatus: z.nullable(storedNumber),
  latencyMs: storedNumber,
  error: optionalStoredText,
  occurredAt: optionalIsoDate,
  /** The message's data as JSON (ids and statuses, well under 1 KB: an attempt stays one small item). */
  data: optionalStoredText,
});

const messageData = z.record(z.string(), z.unknown());

function toEndpoint(item: Record<string, unknown>): WebhookEndpoint {
  const { previousSecret, failingSince, ...rest } = endpointItem.parse(item);
  return { ...rest, ...(previousSecret && { previousSecret }), ...(failingSince && { failingSince }) };
}

function endpointAttributes(endpoint: WebhookEndpoint): Record<string, unknown> {
  return {
    ...webhookEndpointKey(endpoint.partnerId, endpoint.endpointId),
    endpointId: endpoint.endpointId,
    partnerId: endpoint.partnerId,
    url: endpoint.url,
    events: [...endpoint.events],
    secret: endpoint.secret,
    ...(endpoint.previousSecret && { previousSecret: { secret: endpoint.previousSecret.secret, until: endpoint.previousSecret.until.toISOString() } }),
    status: endpoint.status,
    createdAt: endpoint.createdAt.toISOString(),
    ...(endpoint.failingSince && { failingSince: endpoint.failingSince.toISOString() }),
  };
}

/** Webhook endpoints and their delivery logs on the `webhooks` table, one partition per partner. */
export class DynamoWebhookStore implements WebhookStore {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('webhooks')) {}

  public async endpoints(partnerId: string): Promise<WebhookEndpoint[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': webhookPartitionKey(partnerId), ':prefix': ENDPOINT_SORT_PREFIX },
      ConsistentRead: true,
      Limit: MAX_WEBHOOK_ENDPOINTS * 2,
    }));
    return (result.Items ?? []).map(toEndpoint).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  public async endpoint(partnerId: string, endpointId: string): Promise<WebhookEndpoint | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: webhookEndpointKey(partnerId, endpointId), ConsistentRead: true }));
    return result.Item ? toEndpoint(result.Item) : undefined;
  }

  public async create(endpoint: WebhookEndpoint): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: endpointAttributes(endpoint),
      // Invariant: an endpoint id names one endpoint (a new one never replaces another's secret).
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  public async update(endpoint: WebhookEndpoint): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({
        TableName: this.table,
        Item: endpointAttributes(endpoint),
        // Invariant: a change never brings back an endpoint that was removed.
        ConditionExpression: 'attribute_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  public async disable(partnerId: string, endpointId: string): Promise<boolean> {
    const disabled = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: webhookEndpointKey(partnerId, endpointId),
      UpdateExpression: 'SET #status = :disabled',
      // Invariant: an endpoint is disabled once per run of failures (the one disabler mails the partner); a removed one stays removed.
      ConditionExpression: 'attribute_exists(pk) AND #status = :enabled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':disabled': 'disabled', ':enabled': 'enabled' },
    });
    return disabled !== undefined;
  }

  public async remove(partnerId: string, endpointId: string): Promise<boolean> {
    try {
      await this.client.send(new DeleteCommand({
        TableName: this.table,
        Key: webhookEndpointKey(partnerId, endpointId),
        // Invariant: only an endpoint the partner has is removed (the answer tells a removal from an unknown id).
        ConditionExpression: 'attribute_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  public async logAttempt(partnerId: string, attempt: DeliveryAttempt): Promise<void> {
    // Unconditional: an attempt's key (time, message, attempt number) is its own; writing it twice writes the same facts.
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: {
        ...attemptKey(partnerId, attempt.endpointId, attempt.at, attempt.messageId, attempt.attempt),
        messageId: attempt.messageId,
        endpointId: attempt.endpointId,
        eventType: attempt.eventType,
        at: attempt.at.toISOString(),
        attempt: attempt.attempt,
        outcome: attempt.outcome,
        responseStatus: attempt.responseStatus,
        latencyMs: attempt.latencyMs,
        ...(attempt.error && { error: attempt.error }),
        ...(attempt.occurredAt && { occurredAt: attempt.occurredAt.toISOString() }),
        ...(attempt.data && { data: JSON.stringify(attempt.data) }),
        expiresAt: Math.floor(attempt.at.getTime() / 1000) + ATTEMPT_TTL_SECONDS,
      },
    }));
  }

  public async attempts(partnerId: string, endpointId: string): Promise<DeliveryAttempt[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': webhookPartitionKey(partnerId), ':prefix': attemptSortPrefix(endpointId) },
      ScanIndexForward: false,
      Limit: MAX_LOGGED_ATTEMPTS,
    }));
    return (result.Items ?? []).map((item) => {
      const { error, occurredAt, data, ...rest } = attemptItem.parse(item);
      return { ...rest, ...(error && { error }), ...(occurredAt && data && { occurredAt, data: messageData.parse(JSON.parse(data)) }) };
    });
  }
}
