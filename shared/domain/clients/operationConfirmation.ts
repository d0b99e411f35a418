import { createHash } from 'node:crypto';
import type { OperationConfirmation, OperationConfirmations } from '../../ports/OperationConfirmations';
import { ConflictError, RuleViolationError } from '../errors';
import type { PartnerAction } from '../partners/PartnerStanding';
import { CLIENT_OPERATIONS, type ClientOperation } from './decideClientOperation';
import { hashSecretToken, SECRET_TOKEN_PATTERN, issueSecretToken } from './secretToken';

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

/** Throws unless the stored confirmation is for exactly this scope and still usable at `now`. */
function assertUsable(confirmation: OperationConfirmation | undefined, scope: ConfirmationScope, now: Date): void {
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
  if (confirmation.usedAt) throw new ConflictError('confirmation_used', 'This confirmation token was already used; ask for a new preview');
  if (confirmation.expiresAt.getTime() <= now.getTime()) {
    throw new RuleViolationError('confirmation_expired', 'This confirmation token has expired; ask for a new preview');
  }
}

/**
 * Spends a confirmation token on `scope`. Rule violations: `confirmation_invalid` (unknown, or another
 * partner's), `confirmation_mismatch` (other operation or client set), `confirmation_expired`; a
 * conflict: `confirmation_used`. Of concurrent uses of one token exactly one gets through (conditional write).
 */
export async function consumeConfirmation(
  confirmations: OperationConfirmations,
  token: string,
  scope: ConfirmationScope,
  now: Date,
): Promise<void> {
  const hash = hashSecretToken(token);
  assertUsable(await confirmations.find(hash), scope, now);
  if (!(await confirmations.consume(hash, now))) {
    assertUsable(await confirmations.find(hash), scope, now);
    throw new ConflictError('confirmation_used', 'This confirmation token was already used; ask for a new preview');
  }
}
