import type { PartnerAction, PartnerState } from './PartnerStanding';

/** One thing a manager did to a partner: who, when, the state before and after, and why. */
export interface PartnerAuditEntry {
  readonly id: string;
  readonly partnerId: string;
  readonly at: Date;
  /** The manager's user id. */
  readonly managerId: string;
  readonly action: PartnerAction;
  readonly before: PartnerState;
  readonly after: PartnerState;
  readonly reason: string;
}
