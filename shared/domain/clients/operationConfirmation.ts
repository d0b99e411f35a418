import { createHash } from 'node:crypto';
import type { OperationConfirmation, OperationConfirmations } from '../../ports/OperationConfirmations';
import { ConflictError, RuleViolationError } from '../errors';
import type { PartnerAction } from '../partners/PartnerStanding';
import { CLIENT_OPERATIONS, type ClientOperation } from './decideClientOperation';
import { SECRET_TOKEN_PATTERN, issueSecretToken } from './secretToken';

/** How long a preview's confirmation token may be used. */
export const CONFIRMATION_LIFETIME_MS = 5 * 60 * 1000;

/** The shape of a confirmation token: a secret token like an invitation link's. */
export const CONFIRMATION_TOKEN_PATTERN = SECRET_TOKEN_PATTERN;

/** A manager's operation on a partner, as a confirmation names it. */
export type PartnerOperation = `partner_${PartnerAction}`;

/** Every operation a confirmation token can be issued for: a partner's on its clients, a manager's on a partner. */
export const CONFIRMABLE_OPERATIONS = [...CLIENT_OPERATIONS, 'partner_suspend', 'partner_resume', 'partner_end'] as const satisfies ReadonlyArray<ClientOperation | PartnerOperation>;

/** An operation a confirmation token can be issued for. */
export type ConfirmableOperation = (typeof CONFIRMABLE_OPERATIONS)[number];

/**
 * What a confirmation is bound to: exactly one partner, one operation, one set of clients. A
 * manager's operation on a partner is bound to that partner, with its id as the one "client".
 */
export interface ConfirmationScope {
  readonly partnerId: string;
  readonly operation: ConfirmableOperation;
  readonly clientIds: readonly string[];
}

/** SHA-256 of the sorted, de-duplicated client ids: the same set in any order has the same digest. */
export function clientSetDigest(clientIds: readonly string[]): string {
  return createHash('sha256').update([...new Set(clientIds)].sort().join('\n'), 'utf8').digest('hex');
}

/**
 * Issues a single-use token for `scope`, valid `CONFIRMATION_LIFETIME_MS`. Only its hash is
 * stored (like invitation tokens: 256 random bits, so a fast hash is enough).
 */
export async function issueConfirmation(
  confirmations: OperationConfirmations,
  scope: ConfirmationScope,
  issuedBy: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = issueSecretToken();
  const expiresAt = new Date(now.getTime() + CONFIRMATION_LIFETIME_MS);
  await confirmations.issue({
    tokenHash: hash,
    partnerId: scope.partnerId,
    operation: scope.operation,
    clientSetDigest: clientSetDigest(scope.clientIds),
    issuedBy,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * How long after a confirmation was spent the same confirmation may be sent again to get the
 * operation's results (and finish what a timeout or a crash left undone): far longer than a
 * console's retries or a reload take, short enough that an old token is not a standing key.
 */
export const CONFIRMATION_RESUMABLE_MS = 60 * 60 * 1000;

/** A spent confirmation: when it was spent, and whether by an earlier request (this one resumes that operation). */
export interface SpentConfirmation {
  readonly usedAt: Date;
  readonly resumed: boolean;
}

/** Throws unless the stored confirmation is for exactly this scope. */
function assertScope(confirmation: OperationConfirmation | undefined, scope: ConfirmationScope): asserts confirmation is OperationConfirmation {
  // Another partner's token answers exactly like an unknown one: its existence is never revealed.
  if (!confirmation || confirmation.partnerId !== scope.partnerId) {
    throw new RuleViolationError('confirmation_invalid', 'This confirmation token is unknown; ask for a new preview');
  }
  if (confirmation.operation !== scope.operation || confirmation.clientSetDigest !== clientSetDigest(scope.clientIds)) {
    throw new RuleViolationError(
      'confirmation_mismatch',
      'This confirmation token was issued for another operation or another set of clients; ask for a new preview',
    );
  }
}

/** The spent confirmation an operation resumes; a conflict once it is too old to resume. */
function resumed(usedAt: Date, now: Date): SpentConfirmation {
  if (now.getTime() - usedAt.getTime() > CONFIRMATION_RESUMABLE_MS) {
    throw new ConflictError('confirmation_used', 'This confirmation token was already used; ask for a new preview');
  }
  return { usedAt, resumed: true };
}

/**
 * Spends a confirmation token on `scope`, or finds it spent by an earlier request on the same
 * scope (within `CONFIRMATION_RESUMABLE_MS`): then the caller resumes that operation. Rule
 * violations: `confirmation_invalid` (unknown, or another partner's), `confirmation_mismatch`
 * (other operation or client set), `confirmation_expired` (never spent and expired); a conflict:
 * `confirmation_used` (spent too long ago). Of concurrent spends of one token exactly one spends it
 * (conditional write); the others resume.
 */
export async function spendConfirmation(
  confirmations: OperationConfirmations,
  tokenHash: string,
  scope: ConfirmationScope,
  now: Date,
): Promise<SpentConfirmation> {
  const found = await confirmations.find(tokenHash);
  assertScope(found, scope);
  if (found.usedAt) return resumed(found.usedAt, now);
  if (found.expiresAt.getTime() <= now.getTime()) {
    throw new RuleViolationError('confirmation_expired', 'This confirmation token has expired; ask for a new preview');
  }
  if (await confirmations.consume(tokenHash, now)) return { usedAt: now, resumed: false };
  const again = await confirmations.find(tokenHash);
  assertScope(again, scope);
  if (again.usedAt) return resumed(again.usedAt, now);
  throw new RuleViolationError('confirmation_expired', 'This confirmation token has expired; ask for a new preview');
}
