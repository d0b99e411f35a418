import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { DomainEvent, EventPublisher } from '../../ports/EventPublisher';
import { LOCAL_BUS, localEventKey } from './localEventKeys';
import { physicalTableName } from '../dynamodb/tables';

const storedEvent = z.object({
  eventId: z.string(),
  type: z.string(),
  at: z.pipe(z.iso.datetime(), z.transform((value: string) => new Date(value))),
  detail: z.string(),
});

/**
 * The local stand-in for the EventBridge bus (installed by `installLocalStandIns`): events are kept
 * in the local-only `localEvents` table, where the local stack and the tests read them back.
 */
export class LocalEventStore implements EventPublisher {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('localEvents')) {}

  public async publish(event: DomainEvent): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.table,
      Item: {
        ...localEventKey(new Date(), randomUUID()),
        eventId: event.id,
        type: event.type,
        at: event.at.toISOString(),
        detail: JSON.stringify(event.detail),
      },
    }));
  }

  /** Every event published so far, in publication order. */
  public async published(): Promise<DomainEvent[]> {
    const events: DomainEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :bus',
        ExpressionAttributeValues: { ':bus': LOCAL_BUS },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) {
        const parsed = storedEvent.parse(item);
        events.push({ id: parsed.eventId, type: parsed.type, at: parsed.at, detail: z.record(z.string(), z.unknown()).parse(JSON.parse(parsed.detail)) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }
}
