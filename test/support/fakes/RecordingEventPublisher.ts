import type { DomainEvent, EventPublisher } from '../../../shared/ports/EventPublisher';

/**
 * `EventPublisher` that keeps what it publishes, mirroring `EventBridgePublisher` and the local event
 * store: an event is published (and recorded, repeats included: delivery is at least once) or
 * `publish` throws, as when the bus refuses it; `refuseWhen` picks the events the bus refuses.
 */
export class RecordingEventPublisher implements EventPublisher {
  /** The events published, in order. */
  public readonly published: DomainEvent[] = [];
  private refused: (event: DomainEvent) => boolean = () => false;

  /** From now on the bus refuses the events `refused` picks (`() => true`: the bus is down). */
  public refuseWhen(refused: (event: DomainEvent) => boolean): void {
    this.refused = refused;
  }

  public async publish(event: DomainEvent): Promise<void> {
    if (this.refused(event)) throw new Error('the event bus refused the event');
    this.published.push(structuredClone(event));
  }
}
