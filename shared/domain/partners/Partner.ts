import type { Language } from '../Language';

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
