/**
 * The staff login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins
 * are created here on approval and when an owner or admin invites a colleague. Clients' console logins are not here: the console users' pool asks
 * partnerdesk's sign-in gate at every sign-in instead (see `admitConsoleUser`).
 */
export interface AccountDirectory {
  /** Creates (or finds) the partner's login for `email`, carrying role `partner` and the partner id. Idempotent. */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
  /** Deletes the partner login of `email` (a member removed from its team); nothing when there is none. Idempotent. */
  removePartnerLogin(email: string): Promise<void>;
}
