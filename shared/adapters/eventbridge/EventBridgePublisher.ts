import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from '../../ports/EventPublisher';
import { clientTimeoutConfig, REQUEST_CALL_TIMEOUTS } from '../aws/callTimeouts';

/** The `source` of every partnerdesk event on the bus. */
export const EVENT_SOURCE = 'partnerdesk';

/** Publishes domain events on an EventBridge bus (`detail-type` = event type, `detail` = id + detail). */
export class EventBridgePublisher implements EventPublisher {
  public constructor(private readonly client: EventBridgeClient, private readonly busName: string) {}

  /** Creates the publisher for the bus named by `EVENT_BUS_NAME`. */
  public static fromEnv(env = process.env): EventBridgePublisher {
    if (!env.EVENT_BUS_NAME) throw new Error('EVENT_BUS_NAME is not set');
    return new EventBridgePublisher(new EventBridgeClient(clientTimeoutConfig(REQUEST_CALL_TIMEOUTS)), env.EVENT_BUS_NAME);
  }

  public async publish(event: DomainEvent): Promise<void> {
    const result = await this.client.send(new PutEventsCommand({
      Entries: [{
        EventBusName: this.busName,
        Source: EVENT_SOURCE,
        DetailType: event.type,
        Time: event.at,
        Detail: JSON.stringify({ id: event.id, ...event.detail }),
      }],
    }));
    // PutEvents answers 200 even when it drops an entry; the entry's error code says so.
    const failure = result.Entries?.find((entry) => entry.ErrorCode);
    if ((result.FailedEntryCount ?? 0) > 0 || failure) {
      throw new Error(`EventBridge refused event ${event.type}: ${failure?.ErrorCode ?? 'unknown'}`);
    }
  }
}
