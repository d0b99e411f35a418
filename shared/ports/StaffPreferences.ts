import type { Language } from '../domain/Language';

/** What staff chose for themselves: the partner's language on its partner record, a manager's in their preferences. */
export interface StaffPreferences {
  /** The partner's company name and language, or `undefined` when there is no such partner. */
  partner(partnerId: string): Promise<{ readonly name: string; readonly language: Language } | undefined>;
  /** Sets the partner's language; false when there is no such partner. */
  setPartnerLanguage(partnerId: string, language: Language): Promise<boolean>;
  /** The manager's chosen language, or `undefined` before they chose one. */
  managerLanguage(userId: string): Promise<Language | undefined>;
  /** Stores the manager's language. */
  setManagerLanguage(userId: string, language: Language): Promise<void>;
}
