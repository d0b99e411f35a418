import {
  ConflictError,
  DomainError,
  NotFoundError,
  NotPermittedError,
  RateLimitedError,
  RuleViolationError,
  TemporarilyUnavailableError,
  ValidationError,
} from '../domain/errors';
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

/** Status code per domain error class; the first `instanceof` match wins, so subclasses come first. */
const STATUS_BY_CLASS: ReadonlyArray<[abstract new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [NotPermittedError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [RuleViolationError, 422],
  [RateLimitedError, 429],
  [TemporarilyUnavailableError, 503],
];

/**
 * The one mapping from anything thrown to an `HttpError`.
 * Domain errors keep their code and message; known transient AWS errors (also when wrapped) become 503;
 * everything else becomes a generic 500 that leaks nothing.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) {
    const status = STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1] ?? 422;
    const headers: Record<string, string> =
      error instanceof RateLimitedError ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return new HttpError(status, error.code, error.message, error.details ?? {}, headers);
  }
  if (isTransient(error)) {
    return new HttpError(503, 'temporarily_unavailable', 'The service is busy, please retry', {}, { 'Retry-After': '1' });
  }
  return new HttpError(500, 'internal_error', 'Internal error');
}
