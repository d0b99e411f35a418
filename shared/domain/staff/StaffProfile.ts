import { NotFoundError } from '../errors';
import { DEFAULT_LANGUAGE, type Language } from '../Language';
import type { StaffPreferences } from '../../ports/StaffPreferences';

/** A signed-in person of the program's staff: a partner's user or a manager of the partner department. */
export type StaffMember =
  | { readonly kind: 'partner'; readonly userId: string; readonly partnerId: string; readonly email: string }
  | { readonly kind: 'manager'; readonly userId: string; readonly email: string };

/** Who is signed in and what they chose, as the console shows it. */
export interface StaffProfile {
  readonly kind: StaffMember['kind'];
  readonly email: string;
  readonly partnerId?: string;
  /** The partner's company (from its partner record). */
  readonly company?: string;
  /** The language of the console and of their mails. */
  readonly language: Language;
}

/**
 * The signed-in person's profile: a partner's from its partner record (not found when the record
 * is gone), a manager's from their preferences (the default language until they choose one).
 */
export async function staffProfile(deps: { readonly preferences: StaffPreferences }, member: StaffMember): Promise<StaffProfile> {
  if (member.kind === 'manager') {
    return { kind: 'manager', email: member.email, language: (await deps.preferences.managerLanguage(member.userId)) ?? DEFAULT_LANGUAGE };
  }
  const partner = await deps.preferences.partner(member.partnerId);
  if (!partner) throw new NotFoundError('Partner');
  return { kind: 'partner', email: member.email, partnerId: member.partnerId, company: partner.name, language: partner.language };
}

/**
 * The person chooses a language: stored with the partner record (every user of the partner reads
 * the partner's mails in it) or with the manager's preferences. Answers the profile as it is now.
 */
export async function chooseLanguage(deps: { readonly preferences: StaffPreferences }, member: StaffMember, language: Language): Promise<StaffProfile> {
  if (member.kind === 'manager') {
    await deps.preferences.setManagerLanguage(member.userId, language);
  } else if (!(await deps.preferences.setPartnerLanguage(member.partnerId, language))) {
    throw new NotFoundError('Partner');
  }
  return staffProfile(deps, member);
}
