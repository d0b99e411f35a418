import type { Language } from '../domain/Language';

/** What the clients feature needs to know about a partner (`DynamoPartnerRepository` provides it). */
export interface PartnerDirectory {
  /** The partner's name, login e-mail and language, or `undefined` if there is no such partner. */
  get(partnerId: string): Promise<{ readonly name: string; readonly email: string; readonly language: Language } | undefined>;
}
