import { DomainError, RateLimitedError, TemporarilyUnavailableError } from '../domain/errors';
import { HttpError } from './HttpError';

/** AWS SDK error names that mean "busy, retry later" rather than "bug". */
const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'ServiceUnavailable',
  'InternalServerError',
]);

/** Why DynamoDB cancels a transaction when it is busy rather than when a condition failed. */
const RETRYABLE_CANCELLATION_REASONS = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);

/**
 * True when the error, or one that caused it (libraries such as Powertools wrap the SDK's errors
 * in their own, with `cause`), means "busy, retry later": a throttled request, or a transaction
 * cancelled by a conflicting one.
 */
function isTransient(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (RETRYABLE_AWS_ERRORS.has(current.name)) return true;
    const reasons = (current as { CancellationReasons?: ReadonlyArray<{ Code?: string }> }).CancellationReasons ?? [];
    if (reasons.some((reason) => RETRYABLE_CANCELLATION_REASONS.has(reason.Code ?? ''))) return true;
  }
  return false;
}

/** When to come back: a rate limit says when its window ends, a busy dependency is worth a retry in a second. */
function retryAfter(error: DomainError): Record<string, string> {
  if (error instanceof RateLimitedError) return { 'Retry-After': String(error.retryAfterSeconds) };
  if (error instanceof TemporarilyUnavailableError) return { 'Retry-After': '1' };
  return {};
}

/**
 * The one mapping from anything thrown to an `HttpError`.
 * Domain errors keep their code and message and get their code's status (`errorStatus`); known transient AWS errors (also when wrapped) become 503;
 * everything else becomes a generic 500 that leaks nothing.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) {
    return HttpError.fromDomainError(error, retryAfter(error));
  }
  if (isTransient(error)) return toHttpError(new TemporarilyUnavailableError());
  return new HttpError('internal_error', 'Internal error');
}
