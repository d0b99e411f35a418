/**
 * The login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins are
 * created here on approval; the block feature enables and disables client logins here.
 */
export interface AccountDirectory {
  /** Creates (or finds) the partner's login for `email`, carrying role `partner` and the partner id. Idempotent. */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
  /**
   * Lets the console login of a client's cloud account (username = account id) sign in, or not;
   * disabling also ends its sessions. Idempotent; an account without a login has nothing to change.
   */
  setClientLoginEnabled(accountId: string, enabled: boolean): Promise<void>;
}
