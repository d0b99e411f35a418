import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { staffLoginExists } from '../../domain/applications/staffLogin';
import type { AccountDirectory, StaffLogin } from '../../ports/AccountDirectory';
import { clientTimeoutConfig, SLOW_CALL_TIMEOUTS } from '../aws/callTimeouts';

/** The custom attributes the API reads from staff ID tokens (`shared/http/Principal.ts`). */
const ROLE = 'custom:role';
const PARTNER_ID = 'custom:partnerId';

/** The staff login directory on the staff Cognito user pool (`USER_POOL_ID`): partners' logins. */
export class CognitoAccountDirectory implements AccountDirectory {
  public constructor(private readonly client: CognitoIdentityProviderClient, private readonly userPoolId: string) {}

  /** Creates the directory for `USER_POOL_ID`. */
  public static fromEnv(env = process.env): CognitoAccountDirectory {
    if (!env.USER_POOL_ID) throw new Error('USER_POOL_ID is not set');
    return new CognitoAccountDirectory(new CognitoIdentityProviderClient(clientTimeoutConfig(SLOW_CALL_TIMEOUTS)), env.USER_POOL_ID);
  }

  /**
   * Cognito e-mails the partner a temporary password. The attributes are set at creation only: an
   * existing user (the pool signs in by e-mail, case-insensitive) is never updated, so a retry after a
   * partial failure finds its own login, and any other login is refused.
   */
  public async createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void> {
    try {
      await this.client.send(new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: login.email,
        UserAttributes: [
          { Name: 'email', Value: login.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: login.name },
          { Name: ROLE, Value: 'partner' },
          { Name: PARTNER_ID, Value: login.partnerId },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }));
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      const existing = await this.findStaffLogin(login.email);
      if (existing?.role !== 'partner' || existing.partnerId !== login.partnerId) throw staffLoginExists(login.email);
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

  /**
   * Moves the ended partner's own login to the re-admitted partner (its partner id only), then enables
   * it; a retry finds it moved already and enables it again.
   */
  public async reopenPartnerLogin(login: { email: string; partnerId: string; endedPartnerId: string }): Promise<void> {
    const existing = await this.findStaffLogin(login.email);
    if (existing?.role !== 'partner' || (existing.partnerId !== login.endedPartnerId && existing.partnerId !== login.partnerId)) {
      throw staffLoginExists(login.email);
    }
    if (existing.partnerId !== login.partnerId) {
      await this.client.send(new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId, Username: login.email, UserAttributes: [{ Name: PARTNER_ID, Value: login.partnerId }],
      }));
    }
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: login.email }));
  }

  public async findStaffLogin(email: string): Promise<StaffLogin | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }));
      const attribute = (name: string) => user.UserAttributes?.find((candidate) => candidate.Name === name)?.Value;
      return { role: attribute(ROLE), partnerId: attribute(PARTNER_ID) };
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  /** Deleting the user also ends its refresh tokens; its ID tokens stay valid until they expire, which the membership check covers. */
  public async removePartnerLogin(email: string): Promise<void> {
    try {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
