import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import { cancellationCodes, lostItem, lostRace, transactionConflict } from '../../../../../shared/adapters/dynamodb/lostRace';

const $metadata = {};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata, CancellationReasons: codes.map((Code) => ({ Code })) });
const conditionFailed = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata });
const conflict = new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata });
const throttled = new ProvisionedThroughputExceededException({ message: 'busy', $metadata });

describe('cancellationCodes', () => {
  it('gives the reason of each item of a cancelled transaction, in item order', () => {
    expect(cancellationCodes(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'))).toEqual(['None', 'ConditionalCheckFailed', 'TransactionConflict']);
  });

  it('is empty for any other error, and for a cancellation without reasons', () => {
    for (const error of [conditionFailed, conflict, throttled, new Error('boom'), undefined]) expect(cancellationCodes(error)).toEqual([]);
    expect(cancellationCodes(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata }))).toEqual([]);
  });
});

describe('lostRace', () => {
  it('is true when a condition failed: a single write, or an item of a transaction', () => {
    expect(lostRace(conditionFailed)).toBe(true);
    expect(lostRace(cancelled('None', 'ConditionalCheckFailed'))).toBe(true);
  });

  it('is true when a conflicting transaction held the items', () => {
    expect(lostRace(conflict)).toBe(true);
    expect(lostRace(cancelled('TransactionConflict', 'None'))).toBe(true);
  });

  it('is false for throttling, a cancellation for throughput, and anything else', () => {
    for (const error of [throttled, cancelled('None', 'ThrottlingError'), cancelled('None', 'None'), new Error('ConditionalCheckFailed'), 'ConditionalCheckFailed']) {
      expect(lostRace(error)).toBe(false);
    }
  });
});

describe('transactionConflict', () => {
  it('is true only for a conflicting transaction, not for a failed condition', () => {
    expect(transactionConflict(conflict)).toBe(true);
    expect(transactionConflict(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(transactionConflict(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(transactionConflict(conditionFailed)).toBe(false);
    expect(transactionConflict(new TransactionInProgressException({ message: 'in progress', $metadata }))).toBe(false);
  });
});

describe('lostItem', () => {
  it('names the reasons of an item that lost a race', () => {
    expect(['ConditionalCheckFailed', 'TransactionConflict', 'None', 'ThrottlingError', undefined].map(lostItem)).toEqual([true, true, false, false, false]);
  });
});
