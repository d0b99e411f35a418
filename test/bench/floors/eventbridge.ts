/** EventBridge publishing one event from a client created on first use, as the functions that publish domain events do. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { FloorUse } from './FloorUse';

let events: EventBridgeClient | undefined;

export const floorUse: FloorUse = {
  run: () => {
    events ??= new EventBridgeClient({});
    return events.send(new PutEventsCommand({ Entries: [{ Source: 'floor', DetailType: 'floor', Detail: '{}' }] }));
  },
};
