import { FixedClock } from '../../../../../shared/domain/Clock';
import {
  clientSetDigest,
  type ConfirmationScope,
  CONFIRMATION_LIFETIME_MS,
  CONFIRMATION_RESUMABLE_MS,
  CONFIRMATION_TOKEN_PATTERN,
  issueConfirmation,
  spendConfirmation,
} from '../../../../../shared/domain/clients/operationConfirmation';
import { hashSecretToken } from '../../../../../shared/domain/clients/secretToken';
import { ConflictError, RuleViolationError } from '../../../../../shared/domain/errors';
import type { OperationConfirmation, OperationConfirmations } from '../../../../../shared/ports/OperationConfirmations';

/** The port's contract in memory (the DynamoDB adapter is tested against DynamoDB Local). */
class InMemoryConfirmations implements OperationConfirmations {
  public readonly stored = new Map<string, OperationConfirmation>();

  public async issue(confirmation: Omit<OperationConfirmation, 'usedAt'>): Promise<void> {
    this.stored.set(confirmation.tokenHash, confirmation);
  }

  public async find(tokenHash: string): Promise<OperationConfirmation | undefined> {
    return this.stored.get(tokenHash);
  }

  public async consume(tokenHash: string, now: Date): Promise<boolean> {
    const found = this.stored.get(tokenHash);
    if (!found || found.usedAt || found.expiresAt <= now) return false;
    this.stored.set(tokenHash, { ...found, usedAt: now });
    return true;
  }
}

const scope = { partnerId: 'ptn_1', operation: 'block', clientIds: ['cli_a', 'cli_b'] } as const;

async function issued(clock: FixedClock) {
  const confirmations = new InMemoryConfirmations();
  const { token, expiresAt } = await issueConfirmation(confirmations, scope, 'usr_1', clock.now());
  return { confirmations, token, expiresAt };
}

describe('issueConfirmation', () => {
  it('hands out a 256-bit token valid five minutes and stores only its hash', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token, expiresAt } = await issued(clock);

    expect(token).toMatch(CONFIRMATION_TOKEN_PATTERN);
    expect(expiresAt).toEqual(new Date(clock.now().getTime() + CONFIRMATION_LIFETIME_MS));
    const [stored] = [...confirmations.stored.values()];
    expect(stored).toMatchObject({ partnerId: 'ptn_1', operation: 'block', issuedBy: 'usr_1', clientSetDigest: clientSetDigest(scope.clientIds) });
    expect(JSON.stringify([...confirmations.stored])).not.toContain(token);
  });
});

describe('clientSetDigest', () => {
  it('is the same for the same set in any order and differs for another set', () => {
    expect(clientSetDigest(['cli_b', 'cli_a'])).toBe(clientSetDigest(['cli_a', 'cli_b']));
    expect(clientSetDigest(['cli_a'])).not.toBe(clientSetDigest(['cli_a', 'cli_b']));
  });
});

const consumeConfirmation = (confirmations: OperationConfirmations, token: string, to: ConfirmationScope, now: Date) =>
  spendConfirmation(confirmations, hashSecretToken(token), to, now);

describe('spendConfirmation', () => {
  it('spends the token once, for the same set in any order; sent again it resumes that operation, for an hour', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token } = await issued(clock);
    const spentAt = clock.now();

    await expect(consumeConfirmation(confirmations, token, { ...scope, clientIds: ['cli_b', 'cli_a'] }, clock.now())).resolves.toEqual({ usedAt: spentAt, resumed: false });
    // Past its five minutes: a spent token is resumed, never spent again.
    clock.advance(CONFIRMATION_LIFETIME_MS);
    await expect(consumeConfirmation(confirmations, token, scope, clock.now())).resolves.toEqual({ usedAt: spentAt, resumed: true });

    clock.advance(CONFIRMATION_RESUMABLE_MS);
    await expect(consumeConfirmation(confirmations, token, scope, clock.now())).rejects.toMatchObject({
      constructor: ConflictError, code: 'confirmation_used',
    });
  });

  it('refuses it after five minutes', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token } = await issued(clock);
    clock.advance(CONFIRMATION_LIFETIME_MS);

    await expect(consumeConfirmation(confirmations, token, scope, clock.now())).rejects.toMatchObject({
      constructor: RuleViolationError, code: 'confirmation_expired',
    });
  });

  it.each([
    ['another set of clients', { ...scope, clientIds: ['cli_a'] }],
    ['a larger set of clients', { ...scope, clientIds: ['cli_a', 'cli_b', 'cli_c'] }],
    ['another operation', { ...scope, operation: 'delete' as const }],
  ])('refuses it for %s, and it still works for its own', async (_case, other) => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token } = await issued(clock);

    await expect(consumeConfirmation(confirmations, token, other, clock.now())).rejects.toMatchObject({ code: 'confirmation_mismatch' });
    await expect(consumeConfirmation(confirmations, token, scope, clock.now())).resolves.toMatchObject({ resumed: false });
  });

  it('answers another partner exactly as for an unknown token', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token } = await issued(clock);

    const foreign = consumeConfirmation(confirmations, token, { ...scope, partnerId: 'ptn_2' }, clock.now());
    const unknown = consumeConfirmation(confirmations, 'A'.repeat(43), scope, clock.now());

    await expect(foreign).rejects.toMatchObject({ code: 'confirmation_invalid' });
    await expect(unknown).rejects.toMatchObject({ code: 'confirmation_invalid' });
    await expect(foreign.catch((error: Error) => error.message)).resolves.toBe(await unknown.catch((error: Error) => error.message));
  });

  it('lets exactly one of concurrent uses spend it; the others resume its operation', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { confirmations, token } = await issued(clock);

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => consumeConfirmation(confirmations, token, scope, clock.now())));

    expect(outcomes.filter((outcome) => !outcome.resumed)).toHaveLength(1);
  });
});
