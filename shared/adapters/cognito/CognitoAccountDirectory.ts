import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AccountDirectory } from '../../ports/AccountDirectory';

/**
 * The account directory on a Cognito user pool (`USER_POOL_ID`). Assumption: the console logins of
 * clients' cloud accounts live in this same pool, with the cloud account id as username.
 */
export class CognitoAccountDirectory implements AccountDirectory {
  public constructor(private readonly client: CognitoIdentityProviderClient, private readonly userPoolId: string) {}

  /** Creates the directory for `USER_POOL_ID`. */
  public static fromEnv(env = process.env): CognitoAccountDirectory {
    return new CognitoAccountDirectory(new CognitoIdentityProviderClient({}), env.USER_POOL_ID ?? '');
  }

  /** Cognito e-mails the partner a temporary password; a retry after a partial failure just sets the attributes again. */
  public async createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void> {
    const attributes = [
      { Name: 'email', Value: login.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: login.name },
      { Name: 'custom:role', Value: 'partner' },
      { Name: 'custom:partnerId', Value: login.partnerId },
    ];
    try {
      await this.client.send(new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: login.email,
        UserAttributes: attributes,
        DesiredDeliveryMediums: ['EMAIL'],
      }));
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      await this.client.send(new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId,
        Username: login.email,
        UserAttributes: attributes.filter((a) => a.Name.startsWith('custom:')),
      }));
    }
  }

  /**
   * AdminDisableUser then AdminUserGlobalSignOut (a disabled user cannot get new tokens; the sign-out
   * revokes its refresh tokens), or AdminEnableUser. Both calls are idempotent in Cognito; an
   * account with no login in the pool has nothing to enable or disable.
   */
  public async setClientLoginEnabled(accountId: string, enabled: boolean): Promise<void> {
    const user = { UserPoolId: this.userPoolId, Username: accountId };
    try {
      if (enabled) {
        await this.client.send(new AdminEnableUserCommand(user));
      } else {
        await this.client.send(new AdminDisableUserCommand(user));
        await this.client.send(new AdminUserGlobalSignOutCommand(user));
      }
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
