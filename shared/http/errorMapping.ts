import {
  ConflictError,
  DomainError,
  NotFoundError,
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

/** Status code per domain error class; the first `instanceof` match wins, so subclasses come first. */
const STATUS_BY_CLASS: ReadonlyArray<[abstract new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [NotFoundError, 404],
  [ConflictError, 409],
  [RuleViolationError, 422],
  [RateLimitedError, 429],
  [TemporarilyUnavailableError, 503],
];

/**
 * The one mapping from anything thrown to an `HttpError`.
 * Domain errors keep their code and message; known transient AWS errors become 503;
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
  if (error instanceof Error && RETRYABLE_AWS_ERRORS.has(error.name)) {
    return new HttpError(503, 'temporarily_unavailable', 'The service is busy, please retry', {}, { 'Retry-After': '1' });
  }
  return new HttpError(500, 'internal_error', 'Internal error');
}
