/**
 * The staff login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins
 * are created here on approval. Clients' console logins are not here: the console users' pool asks
 * partnerdesk's sign-in gate at every sign-in instead (see `admitConsoleUser`).
 */
export interface AccountDirectory {
  /**
   * Creates the partner's login for `email`, carrying role `partner` and the partner id. Idempotent:
   * finding that very login (same partner) is success. Never changes an existing login: any other
   * login with this e-mail (a manager's, another partner's) is a `ConflictError` (`staff_login_exists`).
   */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
  /** The staff login of `email` (case-insensitive), if there is one: its role, and for a partner its partner id. */
  findStaffLogin(email: string): Promise<StaffLogin | undefined>;
}

/** A staff login as the directory holds it (`role` as its custom attribute says; `undefined` when it has none). */
export interface StaffLogin {
  readonly role?: string;
  readonly partnerId?: string;
}
