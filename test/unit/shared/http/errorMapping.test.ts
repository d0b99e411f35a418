import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { toHttpError } from '../../../../shared/http/errorMapping';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('toHttpError', () => {
  it('answers 503 with Retry-After for throttling, also when a library wrapped it as the cause of its own error', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'busy', $metadata: {} });
    const wrapped = new Error('Failed to save in progress record to idempotency store', { cause: throttled });

    for (const error of [throttled, wrapped]) {
      expect(toHttpError(error)).toMatchObject({ statusCode: 503, code: 'temporarily_unavailable', headers: { 'Retry-After': '1' } });
    }
  });

  it('answers 503 for a transaction cancelled by a conflicting one, and 500 for one cancelled by a condition nobody translated', () => {
    expect(toHttpError(cancelled('None', 'TransactionConflict')).statusCode).toBe(503);
    expect(toHttpError(cancelled('ConditionalCheckFailed', 'None')).statusCode).toBe(500);
  });
});
