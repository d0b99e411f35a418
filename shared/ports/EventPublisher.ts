/** Something that happened, told to whoever listens (EventBridge in AWS). */
export interface DomainEvent {
  /** Stable id, the same on every re-publication, so consumers can drop duplicates. */
  readonly id: string;
  /** E.g. `ClientInvitationExpired`. */
  readonly type: string;
  readonly at: Date;
  /** Ids and statuses only: no e-mail addresses, no tokens. */
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Publishes domain events (at least once: callers publish again when they are unsure). */
export interface EventPublisher {
  /** Publishes one event; throws when the bus refused it. */
  publish(event: DomainEvent): Promise<void>;
}
