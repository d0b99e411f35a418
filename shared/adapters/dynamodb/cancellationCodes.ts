/** The cancellation reason of an item whose condition failed. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/** The cancellation reason of an item another transaction held at the same time. */
export const TRANSACTION_CONFLICT = 'TransactionConflict';

/**
 * The reason DynamoDB gave for each item of a cancelled transaction, in item order (`'None'` for
 * an item that was fine); empty for any other error. It reads the shape of the error rather than
 * asking `instanceof TransactionCanceledException`, so that the error mapping, which every route
 * bundles, can use it without bundling the DynamoDB client.
 */
export function cancellationCodes(error: unknown): ReadonlyArray<string | undefined> {
  return ((error as { CancellationReasons?: ReadonlyArray<{ Code?: string }> } | undefined)?.CancellationReasons ?? []).map((reason) => reason.Code);
}
