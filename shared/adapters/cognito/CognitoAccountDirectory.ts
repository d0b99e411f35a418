import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  UserNotFoundException,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AccountDirectory } from '../../ports/AccountDirectory';
import { clientTimeoutConfig, SLOW_CALL_TIMEOUTS } from '../aws/callTimeouts';

/** The staff login directory on the staff Cognito user pool (`USER_POOL_ID`): partners' logins. */
export class CognitoAccountDirectory implements AccountDirectory {
  public constructor(private readonly client: CognitoIdentityProviderClient, private readonly userPoolId: string) {}

  /** Creates the directory for `USER_POOL_ID`. */
  public static fromEnv(env = process.env): CognitoAccountDirectory {
    if (!env.USER_POOL_ID) throw new Error('USER_POOL_ID is not set');
    return new CognitoAccountDirectory(new CognitoIdentityProviderClient(clientTimeoutConfig(SLOW_CALL_TIMEOUTS)), env.USER_POOL_ID);
  }

  /**
   * Cognito e-mails the partner a temporary password; a retry after a partial failure just sets the
   * attributes again (and enables the login: an e-mail a manager approved again after its partnership ended).
   */
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
      await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: login.email }));
    }
  }

  /** Disables the login and signs it out everywhere (its refresh tokens stop working; ID tokens already issued are refused by the partner-standing check). */
  public async closePartnerLogin(login: { email: string; partnerId: string }): Promise<void> {
    try {
      await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: login.email }));
      await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: login.email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
