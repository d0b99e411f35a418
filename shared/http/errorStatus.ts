import { DOMAIN_ERROR_CODES, type DomainErrorCode, type ErrorKind } from '../domain/errors';
import { HttpStatus } from './httpStatus';

/** The status that answers each kind of domain failure. */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_permitted: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule_violation: HttpStatus.UNPROCESSABLE_ENTITY,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Codes only the HTTP layer raises (tokens, request framing, `Idempotency-Key`, the catch-all), with their status. */
export const HTTP_ERROR_STATUS = {
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  request_in_progress: HttpStatus.CONFLICT,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  idempotency_key_reused: HttpStatus.UNPROCESSABLE_ENTITY,
  // API keys (issue 33): why a presented key does not authenticate, and why a working one may not call a route.
  api_key_invalid: HttpStatus.UNAUTHORIZED,
  api_key_expired: HttpStatus.UNAUTHORIZED,
  api_key_revoked: HttpStatus.UNAUTHORIZED,
  api_key_not_accepted: HttpStatus.FORBIDDEN,
  api_key_scope_missing: HttpStatus.FORBIDDEN,
  internal_error: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;

/** A code only the HTTP layer raises. */
export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

/** Every `error.code` the API answers with. */
export type ApiErrorCode = DomainErrorCode | HttpErrorCode;

/**
 * The one status of each error code, from the two tables above: the OpenAPI document's per-status
 * code lists are read from here. At run time `HttpError` takes a domain error's status from its
 * `kind` (the same table, without the code list in every bundle); a test holds the two to agree.
 */
export function errorStatus(code: ApiErrorCode): number {
  return code in HTTP_ERROR_STATUS
    ? HTTP_ERROR_STATUS[code as keyof typeof HTTP_ERROR_STATUS]
    : STATUS_BY_KIND[DOMAIN_ERROR_CODES[code as DomainErrorCode]];
}
