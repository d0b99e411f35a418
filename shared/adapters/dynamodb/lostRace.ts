import { ConditionalCheckFailedException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';

/** The cancellation reason of a transaction item whose condition failed. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/** The cancellation reason of a transaction item another transaction held at the same time. */
export const TRANSACTION_CONFLICT = 'TransactionConflict';

/**
 * The reason DynamoDB gave for each item of a cancelled transaction, in item order (`'None'` for
 * an item that was fine); empty for any other error.
 */
export function cancellationCodes(error: unknown): ReadonlyArray<string | undefined> {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((reason) => reason.Code) : [];
}

/** True when another transaction held some of the same items at the same time: trying again may succeed. */
export function transactionConflict(error: unknown): boolean {
  return error instanceof TransactionConflictException || cancellationCodes(error).includes(TRANSACTION_CONFLICT);
}

/** True for the cancellation reason of an item that lost a race: its condition failed, or another transaction held it. */
export function lostItem(code: string | undefined): boolean {
  return code === CONDITION_FAILED || code === TRANSACTION_CONFLICT;
}

/**
 * True when a write lost a race to a concurrent change: a condition failed (what it was decided on
 * changed meanwhile) or a conflicting transaction held its items. Anything else (throttling, a
 * network failure, a bug) is not a lost race.
 */
export function lostRace(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || error instanceof TransactionConflictException || cancellationCodes(error).some(lostItem);
}
