/**
 * The staff login directory: Cognito in AWS, a DynamoDB-backed stand-in locally. Partners' logins
 * are created here on approval and when an owner or admin invites a colleague. Clients' console logins are not here: the console users' pool asks
 * partnerdesk's sign-in gate at every sign-in instead (see `admitConsoleUser`).
 */
export interface AccountDirectory {
  /**
   * Creates the partner's login for `email`, carrying role `partner` and the partner id. Idempotent:
   * finding that very login (same partner) is success. Never changes an existing login: any other
   * login with this e-mail (a manager's, another partner's) is a `ConflictError` (`staff_login_exists`).
   */
  createPartnerLogin(login: { email: string; partnerId: string; name: string }): Promise<void>;
  /** Deletes the partner login of `email` (a member removed from its team); nothing when there is none. Idempotent. */
  removePartnerLogin(email: string): Promise<void>;
  /**
   * Closes the partner's login for good (an ended partnership): disabled, its sessions signed out.
   * Idempotent; a login that does not exist is nothing to close.
   */
  closePartnerLogin(login: { email: string; partnerId: string }): Promise<void>;
  /**
   * Reopens the closed login of the ended partner `endedPartnerId` for the partner a manager admitted
   * again with the explicit override (`partnerId`): it now carries that partner id, and is enabled.
   * Only that login: any other login with this e-mail (a manager's, another partner's) is a
   * `ConflictError` (`staff_login_exists`); one already moved to `partnerId` is success (idempotent).
   */
  reopenPartnerLogin(login: { email: string; partnerId: string; endedPartnerId: string }): Promise<void>;
  /** The staff login of `email` (case-insensitive), if there is one: its role, and for a partner its partner id. */
  findStaffLogin(email: string): Promise<StaffLogin | undefined>;
}

/** A staff login as the directory holds it (`role` as its custom attribute says; `undefined` when it has none). */
export interface StaffLogin {
  readonly role?: string;
  readonly partnerId?: string;
}
