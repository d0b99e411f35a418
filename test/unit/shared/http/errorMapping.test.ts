import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  ConflictError,
  DOMAIN_ERROR_CODES,
  type DomainError,
  type DomainErrorCode,
  type DomainErrorCodeOf,
  type ErrorKind,
  InvalidTransitionError,
  NotFoundError,
  NotPermittedError,
  RateLimitedError,
  RuleViolationError,
  TemporarilyUnavailableError,
  ValidationError,
} from '../../../../shared/domain/errors';
import { errorStatus } from '../../../../shared/http/errorStatus';
import { toHttpError } from '../../../../shared/http/errorMapping';
import { HttpError } from '../../../../shared/http/HttpError';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** An error of the class that carries `code` (each class accepts only its own kind's codes). */
const errorWith: { [K in ErrorKind]: (code: DomainErrorCodeOf<K>) => DomainError } = {
  invalid_input: (code) => new ValidationError('Invalid', [], code),
  not_permitted: (code) => new NotPermittedError(code, 'Not permitted'),
  not_found: () => new NotFoundError('Thing'),
  conflict: (code) => new ConflictError(code, 'Conflict'),
  rule_violation: (code) => new RuleViolationError(code, 'Rule'),
  too_many_requests: () => new RateLimitedError('Slow down', 1),
  unavailable: () => new TemporarilyUnavailableError(),
};

describe('the status of every domain error code', () => {
  it.each(Object.entries(DOMAIN_ERROR_CODES) as Array<[DomainErrorCode, ErrorKind]>)(
    '%s: its class has its kind (%s), and the answer has the status the OpenAPI document gives the code',
    (code, kind) => {
      const error = (errorWith[kind] as (code: DomainErrorCode) => DomainError)(code);
      expect([error.code, error.kind]).toEqual([code, kind]);
      expect(toHttpError(error).statusCode).toBe(errorStatus(code));
    },
  );
});

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

  it('answers a domain error with its code, message and details, and the status of its kind', () => {
    const answers = [
      new ValidationError('Invalid body', [{ path: 'body.email', message: 'Invalid email' }]),
      new NotFoundError('Client', { clientId: 'cli_1' }),
      new ConflictError('client_exists', 'Already your client'),
      new InvalidTransitionError('client', 'active', 'resend'),
      new RuleViolationError('unknown_account', 'No such account'),
    ].map((error) => [toHttpError(error).statusCode, toHttpError(error).toBody().error.code]);

    expect(answers).toEqual([[400, 'validation_failed'], [404, 'not_found'], [409, 'client_exists'], [409, 'invalid_transition'], [422, 'unknown_account']]);
    expect(toHttpError(new NotFoundError('Client', { clientId: 'cli_1' })).toBody()).toEqual({
      error: { code: 'not_found', message: 'Client not found', details: { clientId: 'cli_1' } },
    });
  });

  it('lets an error class carry only the codes of its kind (the compiler refuses the others)', () => {
    // @ts-expect-error `unknown_account` is declared a rule violation, so a ConflictError cannot carry it.
    const misfiled = new ConflictError('unknown_account', 'No such account');
    // @ts-expect-error a code nobody declared cannot be raised at all.
    const undeclared = new RuleViolationError('made_up', 'Nobody declared this');
    expect([misfiled.code, undeclared.code]).toEqual(['unknown_account', 'made_up']);
  });

  it('tells when to come back on 429 and 503', () => {
    expect(toHttpError(new RateLimitedError('Too many requests', 42))).toMatchObject({ statusCode: 429, headers: { 'Retry-After': '42' } });
    expect(toHttpError(new TemporarilyUnavailableError())).toMatchObject({ statusCode: 503, headers: { 'Retry-After': '1' } });
  });

  it('gives an HTTP-only code its one status, and hides the message of a 500', () => {
    expect(new HttpError('unauthorized', 'A bearer token is required')).toMatchObject({ statusCode: 401, expose: true });
    expect(new HttpError('idempotency_key_reused', 'Reused')).toMatchObject({ statusCode: 422 });
    expect(toHttpError(new Error('secret detail'))).toMatchObject({ statusCode: 500, code: 'internal_error', message: 'Internal error', expose: false });
  });
});
