import { ConflictError } from '../errors';

/**
 * The refusal of a partner login for an e-mail that already is a staff login (a manager's, or
 * another partner's): approving it would turn that login into this partner's.
 */
export function staffLoginExists(email: string): ConflictError {
  return new ConflictError(
    'staff_login_exists',
    `${email} already signs in to partnerdesk (as a manager or a partner); approving would change that login. Ask the applicant for another address`,
    { email },
  );
}
