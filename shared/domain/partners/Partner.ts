import type { Language } from '../Language';
import type { PartnerState } from './PartnerStanding';

/** A partner account: a reseller or integrator admitted to the program. */
export interface Partner {
  readonly partnerId: string;
  /** The company name from the application. */
  readonly name: string;
  /** The login e-mail, bound to the approved application's e-mail. */
  readonly email: string;
  readonly applicationId: string;
  readonly createdAt: Date;
  /** The language the partner reads the console and its mails in (chosen in the console; at first its application's). */
  readonly language: Language;
}

/** A partner as the partner department manages it: the account and where it stands. */
export interface PartnerRecord extends Partner {
  readonly state: PartnerState;
  /** When it entered its state (its creation for a partner never suspended). */
  readonly stateSince: Date;
  /** The manager's reason for the last suspension, resumption or end. */
  readonly stateReason?: string;
  /** Optimistic-concurrency counter: every state change bumps it and is written only onto the version read. */
  readonly version: number;
}

/** A new partner's record, as approval creates it. */
export function newPartnerRecord(partner: Partner): PartnerRecord {
  return { ...partner, state: 'active', stateSince: partner.createdAt, version: 1 };
}
