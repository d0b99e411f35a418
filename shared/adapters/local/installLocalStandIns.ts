import { documentClient, installStandIns } from '../compositionRoot';
import { LocalAccountDirectory } from './LocalAccountDirectory';
import { LocalEventStore } from './LocalEventStore';
import type { DeliveryQueue } from '../../ports/DeliveryQueue';
import type { DomainEvent } from '../../ports/EventPublisher';

/**
 * Runs this process's handlers on the local stand-ins of Cognito and EventBridge (tables on the
 * same DynamoDB). Called by the local stack and the jest set-up, never by a Lambda function.
 */
export function installLocalStandIns(queues?: LocalQueueStandIn): void {
  installStandIns({
    accountDirectory: () => new LocalAccountDirectory(documentClient()),
    eventPublisher: () => {
      const store = new LocalEventStore(documentClient());
      if (!queues) return store;
      // The bus's rules: a published event also reaches the local queues that take its type.
      return { publish: async (event) => { await store.publish(event); queues.publish(event); } };
    },
    ...(queues && { deliveryQueue: queues.deliveryQueue }),
  });
}

/** The local stack's queues as the stand-ins see them (`infra/local/localQueues.ts`). */
export interface LocalQueueStandIn {
  publish(event: DomainEvent): void;
  readonly deliveryQueue: () => DeliveryQueue;
}
