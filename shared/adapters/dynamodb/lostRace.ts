import { ConditionalCheckFailedException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { cancellationCodes, CONDITION_FAILED, TRANSACTION_CONFLICT } from './cancellationCodes';

/** True when a conditional write was refused: its condition, or one of its transaction's, failed. */
export function conditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || cancellationCodes(error).includes(CONDITION_FAILED);
}

/** True when another transaction held some of the same items at the same time: trying again may succeed. */
export function transactionConflict(error: unknown): boolean {
  return error instanceof TransactionConflictException || cancellationCodes(error).includes(TRANSACTION_CONFLICT);
}

/**
 * True when a write lost a race to a concurrent change: a condition failed (what it was decided on
 * changed meanwhile) or a conflicting transaction held its items. Anything else (throttling, a
 * network failure, a bug) is not a lost race.
 */
export function lostRace(error: unknown): boolean {
  return conditionFailed(error) || transactionConflict(error);
}
