import { DOMAIN_ERROR_CODES, type DomainErrorCode, type ErrorKind } from '../domain/errors';

/** The status that answers each kind of domain failure. */
const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  not_permitted: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  too_many_requests: 429,
  unavailable: 503,
};

/** Codes only the HTTP layer raises (tokens, request framing, `Idempotency-Key`, the catch-all), with their status. */
const HTTP_ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  request_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  internal_error: 500,
} as const;

/** Every `error.code` the API answers with. */
export type ApiErrorCode = DomainErrorCode | keyof typeof HTTP_ERROR_STATUS;

/**
 * The one status of each error code: the HTTP answers (`HttpError`) and the OpenAPI document's
 * per-status code lists are both read from here.
 */
export function errorStatus(code: ApiErrorCode): number {
  return code in HTTP_ERROR_STATUS
    ? HTTP_ERROR_STATUS[code as keyof typeof HTTP_ERROR_STATUS]
    : STATUS_BY_KIND[DOMAIN_ERROR_CODES[code as DomainErrorCode]];
}
