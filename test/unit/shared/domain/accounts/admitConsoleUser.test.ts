import { admitConsoleUser } from '../../../../../shared/domain/accounts/admitConsoleUser';
import { FixedClock } from '../../../../../shared/domain/Clock';
import type { SignIn } from '../../../../../shared/domain/clients/decideClientOperation';
import { isCloudAccountId, newCloudAccountId } from '../../../../../shared/domain/clients/cloudAccountId';
import { NotPermittedError } from '../../../../../shared/domain/errors';
import type { ConsoleAccounts } from '../../../../../shared/ports/ConsoleAccounts';

/** Console users' accounts in memory. */
class InMemoryConsoleAccounts implements ConsoleAccounts {
  public readonly owners = new Map<string, string>();
  public readonly refused = new Set<string>();

  public async accountOf(userId: string): Promise<string | undefined> {
    return this.owners.get(userId);
  }

  public async registerFor(userId: string, accountId: string): Promise<string> {
    const owned = this.owners.get(userId);
    if (owned) return owned;
    this.owners.set(userId, accountId);
    return accountId;
  }

  public async signIn(accountId: string): Promise<SignIn> {
    return this.refused.has(accountId) ? 'refused' : 'allowed';
  }
}

const clock = new FixedClock('2026-03-01T10:00:00Z');

describe('admitConsoleUser', () => {
  it('registers a new cloud account for a user who has just signed up, at its first token, and keeps it', async () => {
    const accounts = new InMemoryConsoleAccounts();
    const deps = { accounts, clock, newAccountId: () => 'acc-00000000000000000001' };

    expect(await admitConsoleUser(deps, 'user-1', 'sign-in')).toEqual({});
    expect(await admitConsoleUser(deps, 'user-1', 'token')).toEqual({ accountId: 'acc-00000000000000000001' });
    expect(await admitConsoleUser({ ...deps, newAccountId: () => 'acc-00000000000000000002' }, 'user-1', 'token'))
      .toEqual({ accountId: 'acc-00000000000000000001' });
  });

  it.each(['sign-in', 'token'] as const)('refuses the owner of a blocked account at %s', async (moment) => {
    const accounts = new InMemoryConsoleAccounts();
    accounts.owners.set('user-1', 'acc-00000000000000000001');
    accounts.refused.add('acc-00000000000000000001');

    await expect(admitConsoleUser({ accounts, clock }, 'user-1', moment)).rejects.toMatchObject({ constructor: NotPermittedError, code: 'login_disabled' });
  });

  it('refuses an event that names no user', async () => {
    await expect(admitConsoleUser({ accounts: new InMemoryConsoleAccounts(), clock }, '', 'token')).rejects.toMatchObject({ code: 'unknown_user' });
  });
});

describe('newCloudAccountId', () => {
  it('draws ids of the documented shape, each character from the whole alphabet', () => {
    const ids = Array.from({ length: 2000 }, () => newCloudAccountId());
    expect(ids.every(isCloudAccountId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.flatMap((id) => [...id.slice(4)])).size).toBe(36);
  });
});
