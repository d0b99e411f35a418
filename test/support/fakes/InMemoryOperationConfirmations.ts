import type { OperationConfirmation, OperationConfirmations } from '../../../shared/ports/OperationConfirmations';

/**
 * `OperationConfirmations` in memory, mirroring `DynamoOperationConfirmations`: a token hash is issued
 * once (issuing it again throws, as the conditional put does), and `consume` spends a confirmation
 * only if it exists, is unused and `expiresAt` is after `now` (of concurrent uses, one wins).
 */
export class InMemoryOperationConfirmations implements OperationConfirmations {
  private readonly confirmations = new Map<string, OperationConfirmation>();

  public async issue(confirmation: Omit<OperationConfirmation, 'usedAt'>): Promise<void> {
    // Invariant: a token hash names one confirmation, never overwritten.
    if (this.confirmations.has(confirmation.tokenHash)) throw new Error(`confirmation ${confirmation.tokenHash} already issued`);
    this.confirmations.set(confirmation.tokenHash, structuredClone(confirmation));
  }

  public async find(tokenHash: string): Promise<OperationConfirmation | undefined> {
    const confirmation = this.confirmations.get(tokenHash);
    return confirmation && structuredClone(confirmation);
  }

  public async consume(tokenHash: string, now: Date): Promise<boolean> {
    const confirmation = this.confirmations.get(tokenHash);
    // Invariant: a confirmation is spent once, and only before it expires.
    if (!confirmation || confirmation.usedAt || confirmation.expiresAt.getTime() <= now.getTime()) return false;
    this.confirmations.set(tokenHash, { ...confirmation, usedAt: new Date(now) });
    return true;
  }

  /** Every confirmation issued, used or not (what a reader of the table would see: hashes, never tokens). */
  public all(): OperationConfirmation[] {
    return structuredClone([...this.confirmations.values()]);
  }
}
