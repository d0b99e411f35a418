/**
 * The staff login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins
 * are created here on approval. Clients' console logins are not here: the console users' pool asks
 * partnerdesk's sign-in gate at every sign-in instead (see `admitConsoleUser`).
 */
export interface AccountDirectory {
  /** Creates (or finds) the partner's login for `email`, carrying role `partner` and the partner id. Idempotent. */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
}
