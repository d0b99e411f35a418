/**
 * The staff login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins
 * are created here on approval. Clients' console logins are not here: the console users' pool asks
 * partnerdesk's sign-in gate at every sign-in instead (see `admitConsoleUser`).
 */
export interface AccountDirectory {
  /** Creates (or finds) the partner's login for `email`, carrying role `partner` and the partner id. Idempotent. */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
  /**
   * Closes the partner's login for good (an ended partnership): disabled, its sessions signed out.
   * Idempotent; a login that does not exist is nothing to close.
   */
  closePartnerLogin(login: { email: string; partnerId: string }): Promise<void>;
}
