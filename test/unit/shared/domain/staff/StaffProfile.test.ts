import { NotFoundError } from '../../../../../shared/domain/errors';
import { chooseLanguage, staffProfile } from '../../../../../shared/domain/staff/StaffProfile';
import { InMemoryStaffPreferences } from '../../../../support/fakes/InMemoryStaffPreferences';

const partnerUser = { kind: 'partner', userId: 'usr_1', partnerId: 'ptn_1', email: 'ann@lee-it.example' } as const;
const manager = { kind: 'manager', userId: 'mgr_1', email: 'manager@example.com' } as const;

function preferences(): InMemoryStaffPreferences {
  const stored = new InMemoryStaffPreferences();
  stored.partners.set('ptn_1', { name: 'Lee IT', language: 'en' });
  return stored;
}

describe('staffProfile', () => {
  it('shows a partner\'s user with the partner, its company and the partner\'s language', async () => {
    expect(await staffProfile({ preferences: preferences() }, partnerUser)).toEqual({
      kind: 'partner', email: 'ann@lee-it.example', partnerId: 'ptn_1', company: 'Lee IT', language: 'en',
    });
  });

  it('shows a manager in Russian until they choose', async () => {
    expect(await staffProfile({ preferences: preferences() }, manager)).toEqual({ kind: 'manager', email: 'manager@example.com', language: 'ru' });
  });

  it('does not find a partner whose record is gone', async () => {
    await expect(staffProfile({ preferences: new InMemoryStaffPreferences() }, partnerUser)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('chooseLanguage', () => {
  it('stores a partner\'s choice with the partner and a manager\'s with the manager, and answers the profile', async () => {
    const stored = preferences();

    expect(await chooseLanguage({ preferences: stored }, partnerUser, 'ru')).toMatchObject({ kind: 'partner', language: 'ru' });
    expect(await chooseLanguage({ preferences: stored }, manager, 'en')).toMatchObject({ kind: 'manager', language: 'en' });

    expect(stored.partners.get('ptn_1')?.language).toBe('ru');
    expect(stored.managers.get('mgr_1')).toBe('en');
  });

  it('refuses a partner whose record is gone, storing nothing', async () => {
    const stored = new InMemoryStaffPreferences();

    await expect(chooseLanguage({ preferences: stored }, partnerUser, 'en')).rejects.toBeInstanceOf(NotFoundError);
    expect(stored.partners.size).toBe(0);
  });
});
