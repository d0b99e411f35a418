import type { ConfirmableOperation } from '../domain/clients/operationConfirmation';

/** A stored confirmation of a previewed operation on clients (the token itself is never stored). */
export interface OperationConfirmation {
  /** SHA-256 of the token handed out with the preview. */
  readonly tokenHash: string;
  readonly partnerId: string;
  readonly operation: ConfirmableOperation;
  /** Digest of the sorted set of client ids the preview covered (`clientSetDigest`). */
  readonly clientSetDigest: string;
  /** The partner's user who asked for the preview. */
  readonly issuedBy: string;
  readonly expiresAt: Date;
  /** Set once, when the token is spent. */
  readonly usedAt?: Date;
}

/** Where confirmation tokens of client operations live until they are used or expire. */
export interface OperationConfirmations {
  /** Stores a new confirmation. */
  issue(confirmation: Omit<OperationConfirmation, 'usedAt'>): Promise<void>;
  /** The confirmation of a token hash, used or not, or `undefined`. */
  find(tokenHash: string): Promise<OperationConfirmation | undefined>;
  /** Marks it used, unless it already is or has expired at `now`; false when it could not (exactly one caller wins). */
  consume(tokenHash: string, now: Date): Promise<boolean>;
}
