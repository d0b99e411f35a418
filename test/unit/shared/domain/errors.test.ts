import { ConflictError, TemporarilyUnavailableError } from '../../../../shared/domain/errors';

describe('domain errors', () => {
  it('keep the error that caused them, for the logs, without showing it in their message', () => {
    const cause = new Error('TransactionCanceledException: ConditionalCheckFailed');
    const error = new ConflictError('account_served', 'Your cloud account is served by another partner', {}, { cause });

    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('Transaction');
    expect(new TemporarilyUnavailableError('busy', {}, { cause }).cause).toBe(cause);
  });
});
