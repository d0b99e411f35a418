import type { ConsoleAccounts } from '../../ports/ConsoleAccounts';
import type { Clock } from '../Clock';
import { newCloudAccountId } from '../clients/cloudAccountId';
import { NotPermittedError } from '../errors';

/** What the sign-in gate needs. */
export interface SignInGateDeps {
  readonly accounts: ConsoleAccounts;
  readonly clock: Clock;
  /** Draws the id of a newly registered cloud account. */
  readonly newAccountId?: () => string;
}

/**
 * When the gate runs: `sign-in` before the password is checked (Cognito pre-authentication), `token`
 * whenever tokens are issued, at sign-in and at every refresh (pre-token-generation).
 */
export type GateMoment = 'sign-in' | 'token';

/** The console user being let in, and the cloud account its tokens will name (none before its first token). */
export interface Admission {
  readonly accountId?: string;
}

/**
 * The sign-in gate of the cloud console, run where console users sign in.
 *
 * Input: the console user (the identity provider's stable user id) and the moment. Output: its account.
 * 1. Find the user's cloud account. A user without one is let in at `sign-in` (nothing to refuse yet);
 *    at `token` a new cloud account is registered for it (a person who has just signed up).
 * 2. While the client serving that account is blocked by its partner, refuse (`login_disabled`):
 *    the sign-in fails, and so does every token refresh, so a session ends within one token lifetime.
 */
export async function admitConsoleUser(deps: SignInGateDeps, userId: string, moment: GateMoment): Promise<Admission> {
  if (!userId) throw new NotPermittedError('unknown_user', 'The identity provider named no user', {});
  let accountId = await deps.accounts.accountOf(userId);
  if (!accountId) {
    if (moment === 'sign-in') return {};
    accountId = await deps.accounts.registerFor(userId, (deps.newAccountId ?? newCloudAccountId)(), deps.clock.now());
  }
  if ((await deps.accounts.signIn(accountId)) === 'refused') {
    throw new NotPermittedError('login_disabled', 'This cloud account is blocked by its partner; contact the partner to unblock it', {});
  }
  return { accountId };
}
