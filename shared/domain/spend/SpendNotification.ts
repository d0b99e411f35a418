import type { AlertFacts, SpendAlertKind } from './SpendAlert';

/** An entry of the partner's console notifications: one fired spend alert. */
export interface SpendNotification {
  readonly id: string;
  readonly partnerId: string;
  readonly clientId: string;
  readonly kind: SpendAlertKind;
  /** The calendar month the alert belongs to. */
  readonly month: string;
  readonly at: Date;
  readonly read: boolean;
  readonly facts: AlertFacts;
}
