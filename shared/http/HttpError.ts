import type { DomainError, DomainErrorCode } from '../domain/errors';
import { type ApiErrorCode, HTTP_ERROR_STATUS, type HttpErrorCode, STATUS_BY_KIND } from './errorStatus';
import { HttpStatus } from './httpStatus';

/**
 * The one error that crosses the HTTP boundary. Its JSON form is the documented shape
 * `{"error":{"code","message","details"}}`; `expose` is false for 5xx so nothing internal leaks.
 */
export class HttpError extends Error {
  /** HTTP status code, the one `errorStatus` gives the code. */
  public readonly statusCode: number;
  /** Stable machine code, e.g. `validation_failed`. */
  public readonly code: ApiErrorCode;
  /** Safe, structured facts for the client. */
  public readonly details: Record<string, unknown>;
  /** Extra response headers, e.g. `Retry-After`. */
  public readonly headers: Record<string, string>;
  /** Whether the message may be shown to the caller (status < 500, as in middy). */
  public readonly expose: boolean;

  /** An error of the HTTP layer itself (a token, the request's framing, `Idempotency-Key`). */
  public constructor(code: HttpErrorCode, message: string, details?: Record<string, unknown>, headers?: Record<string, string>);
  /** A domain error's answer, with the status of its kind (`fromDomainError`). */
  public constructor(code: DomainErrorCode, message: string, details: Record<string, unknown>, headers: Record<string, string>, statusCode: number);
  public constructor(
    code: ApiErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    statusCode: number = HTTP_ERROR_STATUS[code as HttpErrorCode],
  ) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = headers;
    this.expose = this.statusCode < HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /** The answer to a domain error: its code, message and details, the status of its kind. */
  public static fromDomainError(error: DomainError, headers: Record<string, string> = {}): HttpError {
    return new HttpError(error.code, error.message, error.details ?? {}, headers, STATUS_BY_KIND[error.kind]);
  }

  /**
   * The response body in the documented error shape; `requestId` (the API request id, also the
   * `x-request-id` header) lets a partner quote the failed request to support.
   */
  public toBody(requestId?: string): { error: { code: ApiErrorCode; message: string; details: Record<string, unknown>; requestId?: string } } {
    return { error: { code: this.code, message: this.message, details: this.details, ...(requestId !== undefined && { requestId }) } };
  }
}
