import type { Language } from '../../../shared/domain/Language';
import type { StaffPreferences } from '../../../shared/ports/StaffPreferences';

/** `StaffPreferences` in memory: partners added by the test, managers' languages as chosen. */
export class InMemoryStaffPreferences implements StaffPreferences {
  public readonly partners = new Map<string, { name: string; language: Language }>();
  public readonly managers = new Map<string, Language>();

  public async partner(partnerId: string): Promise<{ name: string; language: Language } | undefined> {
    const partner = this.partners.get(partnerId);
    return partner && { ...partner };
  }

  public async setPartnerLanguage(partnerId: string, language: Language): Promise<boolean> {
    const partner = this.partners.get(partnerId);
    if (!partner) return false;
    this.partners.set(partnerId, { ...partner, language });
    return true;
  }

  public async managerLanguage(userId: string): Promise<Language | undefined> {
    return this.managers.get(userId);
  }

  public async setManagerLanguage(userId: string, language: Language): Promise<void> {
    this.managers.set(userId, language);
  }
}
