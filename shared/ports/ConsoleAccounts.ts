import type { SignIn } from '../domain/clients/decideClientOperation';

/**
 * The cloud accounts of console users, as partnerdesk's sign-in gate sees them: who owns which
 * account, and whether the account's owner may sign in now.
 */
export interface ConsoleAccounts {
  /** The cloud account the console user owns, or `undefined` (a user who has just signed up). */
  accountOf(userId: string): Promise<string | undefined>;
  /**
   * Registers `accountId` as a new cloud account owned by the user. When the user already owns one
   * (a concurrent sign-in registered it first), nothing is written and that account is returned.
   */
  registerFor(userId: string, accountId: string, at: Date): Promise<string>;
  /** What the console does when the account's owner signs in: `refused` while the client serving it is blocked. */
  signIn(accountId: string): Promise<SignIn>;
}
