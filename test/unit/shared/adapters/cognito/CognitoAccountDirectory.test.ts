import {
  AdminCreateUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoAccountDirectory } from '../../../../../shared/adapters/cognito/CognitoAccountDirectory';

/** A staff pool of users by lower-cased e-mail (the pool signs in by e-mail, case-insensitive) that records every command sent. */
function pool(users: Record<string, Record<string, string>>) {
  const sent: string[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push((command as object).constructor.name);
      if (command instanceof AdminGetUserCommand) {
        const user = users[String(command.input.Username).toLowerCase()];
        if (!user) throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
        return { UserAttributes: Object.entries(user).map(([Name, Value]) => ({ Name, Value })) };
      }
      if (command instanceof AdminCreateUserCommand) {
        const email = String(command.input.Username).toLowerCase();
        if (users[email]) throw new UsernameExistsException({ message: 'An account with the given email already exists.', $metadata: {} });
        users[email] = Object.fromEntries((command.input.UserAttributes ?? []).map(({ Name, Value }) => [Name ?? '', Value ?? '']));
        return {};
      }
      if (command instanceof AdminUpdateUserAttributesCommand) {
        const user = users[String(command.input.Username).toLowerCase()]!;
        for (const { Name, Value } of command.input.UserAttributes ?? []) user[Name ?? ''] = Value ?? '';
        return {};
      }
      if (command instanceof AdminEnableUserCommand) {
        users[String(command.input.Username).toLowerCase()]!.enabled = 'true';
        return {};
      }
      throw new Error(`the directory may not call ${(command as object).constructor.name}`);
    },
  };
  return { directory: new CognitoAccountDirectory(client as unknown as CognitoIdentityProviderClient, 'pool-1'), users, sent };
}

describe('CognitoAccountDirectory', () => {
  it('creates a partner login with its role and partner id at creation', async () => {
    const { directory, users } = pool({});

    await directory.createPartnerLogin({ email: 'lee@example.com', partnerId: 'ptn_1', name: 'Lee IT' });

    expect(users['lee@example.com']).toMatchObject({ email: 'lee@example.com', 'custom:role': 'partner', 'custom:partnerId': 'ptn_1' });
  });

  it('never rewrites a manager\'s login: refused with staff_login_exists, only AdminCreateUser and AdminGetUser called (issue 26)', async () => {
    const { directory, users, sent } = pool({ 'manager@partnerdesk.local': { email: 'manager@partnerdesk.local', 'custom:role': 'manager' } });

    await expect(directory.createPartnerLogin({ email: 'manager@partnerdesk.local', partnerId: 'ptn_1', name: 'X' }))
      .rejects.toMatchObject({ code: 'staff_login_exists' });

    expect(users['manager@partnerdesk.local']).toEqual({ email: 'manager@partnerdesk.local', 'custom:role': 'manager' });
    expect(sent).toEqual(['AdminCreateUserCommand', 'AdminGetUserCommand']);
  });

  it('takes its own login again (a retry after a partial failure), and refuses another partner\'s', async () => {
    const { directory } = pool({ 'lee@example.com': { email: 'lee@example.com', 'custom:role': 'partner', 'custom:partnerId': 'ptn_1' } });

    await expect(directory.createPartnerLogin({ email: 'Lee@Example.com', partnerId: 'ptn_1', name: 'Lee IT' })).resolves.toBeUndefined();
    await expect(directory.createPartnerLogin({ email: 'lee@example.com', partnerId: 'ptn_2', name: 'Other' })).rejects.toMatchObject({ code: 'staff_login_exists' });
  });

  it('finds a staff login by e-mail, or nothing', async () => {
    const { directory } = pool({ 'manager@partnerdesk.local': { 'custom:role': 'manager' } });

    expect(await directory.findStaffLogin('Manager@PartnerDesk.local')).toEqual({ role: 'manager', partnerId: undefined });
    expect(await directory.findStaffLogin('nobody@example.com')).toBeUndefined();
  });

  it('reopens only the ended partner\'s own login, for the re-admitted partner; a retry finds it moved; any other login is refused unchanged', async () => {
    const { directory, users, sent } = pool({
      'lee@example.com': { email: 'lee@example.com', 'custom:role': 'partner', 'custom:partnerId': 'ptn_ended', enabled: 'false' },
      'manager@partnerdesk.local': { email: 'manager@partnerdesk.local', 'custom:role': 'manager' },
    });

    await directory.reopenPartnerLogin({ email: 'lee@example.com', partnerId: 'ptn_new', endedPartnerId: 'ptn_ended' });
    await directory.reopenPartnerLogin({ email: 'lee@example.com', partnerId: 'ptn_new', endedPartnerId: 'ptn_ended' });

    expect(users['lee@example.com']).toMatchObject({ 'custom:role': 'partner', 'custom:partnerId': 'ptn_new', enabled: 'true' });
    expect(sent.filter((name) => name === 'AdminUpdateUserAttributesCommand')).toHaveLength(1);
    await expect(directory.reopenPartnerLogin({ email: 'lee@example.com', partnerId: 'ptn_other', endedPartnerId: 'ptn_ended' }))
      .rejects.toMatchObject({ code: 'staff_login_exists' });
    await expect(directory.reopenPartnerLogin({ email: 'manager@partnerdesk.local', partnerId: 'ptn_new', endedPartnerId: 'ptn_ended' }))
      .rejects.toMatchObject({ code: 'staff_login_exists' });
    expect(users['manager@partnerdesk.local']).toEqual({ email: 'manager@partnerdesk.local', 'custom:role': 'manager' });
  });
});
