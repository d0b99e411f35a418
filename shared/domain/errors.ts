/**
 * Domain errors: what went wrong in the partner's words, with a stable machine code.
 * They know nothing of HTTP; `shared/http/errorMapping.ts` is the one place that maps them.
 */

/** What sort of failure an error is; the HTTP layer answers each kind in one way. */
export type ErrorKind = 'invalid_input' | 'not_permitted' | 'not_found' | 'conflict' | 'rule_violation' | 'too_many_requests' | 'unavailable';

/**
 * Every code a domain error can carry, with its kind: the one declaration of these codes. An error
 * class accepts only the codes of its own kind (so an error's `kind`, its class's, is always its
 * code's kind here), and the OpenAPI document reads this table, so a new code is added here and
 * nowhere else. At run time the HTTP mapping answers by the error's `kind`, so no function bundles
 * the table.
 */
export const DOMAIN_ERROR_CODES = {
  validation_failed: 'invalid_input',
  invalid_cursor: 'invalid_input',
  wrong_account: 'not_permitted',
  login_disabled: 'not_permitted',
  unknown_user: 'not_permitted',
  not_a_member: 'not_permitted',
  role_not_allowed: 'not_permitted',
  partner_suspended: 'not_permitted',
  partner_ended: 'not_permitted',
  not_found: 'not_found',
  invalid_transition: 'conflict',
  concurrent_change: 'conflict',
  duplicate_submission: 'conflict',
  email_already_partner: 'conflict',
  email_of_ended_partner: 'conflict',
  staff_login_exists: 'conflict',
  client_exists: 'conflict',
  invitation_pending: 'conflict',
  already_client: 'conflict',
  account_served: 'conflict',
  client_not_active: 'conflict',
  invitation_closed: 'conflict',
  confirmation_used: 'conflict',
  webhook_endpoint_disabled: 'conflict',
  unknown_account: 'rule_violation',
  invitation_expired: 'rule_violation',
  invitation_superseded: 'rule_violation',
  confirmation_invalid: 'rule_violation',
  confirmation_mismatch: 'rule_violation',
  confirmation_expired: 'rule_violation',
  currency_mismatch: 'rule_violation',
  period_before_client: 'rule_violation',
  team_full: 'rule_violation',
  owner_protected: 'rule_violation',
  ownership_needs_admin: 'rule_violation',
  assignee_not_sales: 'rule_violation',
  api_keys_full: 'rule_violation',
  webhook_endpoints_full: 'rule_violation',
  webhook_address_refused: 'rule_violation',
  too_many_contact_attempts: 'rule_violation',
  rate_limited: 'too_many_requests',
  temporarily_unavailable: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

/** A code a domain error carries. */
export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

/** The codes of one kind, e.g. every `conflict` code. */
export type DomainErrorCodeOf<K extends ErrorKind> = {
  [C in DomainErrorCode]: (typeof DOMAIN_ERROR_CODES)[C] extends K ? C : never;
}[DomainErrorCode];

/** Base of every error the domain raises on purpose. */
export abstract class DomainError extends Error {
  /** Stable, documented code (snake_case) that clients may switch on. */
  public readonly code: DomainErrorCode;
  /** What sort of failure it is: its class's, and its code's kind in `DOMAIN_ERROR_CODES`. */
  public abstract readonly kind: ErrorKind;
  /** Extra, safe-to-show facts about the failure. */
  public readonly details: Record<string, unknown> | undefined;

  protected constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The thing does not exist, or belongs to another tenant (never say which). */
export class NotFoundError extends DomainError {
  public readonly kind = 'not_found';

  public constructor(what: string, details?: Record<string, unknown>) {
    super('not_found', `${what} not found`, details);
  }
}

/** The request clashes with the current state (duplicate, already attached, concurrent change). */
export class ConflictError extends DomainError {
  public readonly kind = 'conflict';

  public constructor(code: DomainErrorCodeOf<'conflict'>, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(code, message, details, options);
  }
}

/** A state machine refused the transition, e.g. approving an application that was rejected. */
export class InvalidTransitionError extends ConflictError {
  public constructor(entity: string, from: string, action: string) {
    super('invalid_transition', `Cannot ${action} a ${entity} in status '${from}'`, { from, action });
  }
}

/** The caller is known but is not the one who may do this (e.g. another cloud account's owner). */
export class NotPermittedError extends DomainError {
  public readonly kind = 'not_permitted';

  public constructor(code: DomainErrorCodeOf<'not_permitted'>, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(code, message, details, options);
  }
}

/** Well-formed input that breaks a business rule (unknown cloud account, expired token...). */
export class RuleViolationError extends DomainError {
  public readonly kind = 'rule_violation';

  public constructor(code: DomainErrorCodeOf<'rule_violation'>, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(code, message, details, options);
  }
}

/** Input that does not have the documented shape; `details.issues` lists what is wrong. `code` names a kind callers may switch on (`invalid_cursor`). */
export class ValidationError extends DomainError {
  public readonly kind = 'invalid_input';

  public constructor(
    message: string,
    issues: ReadonlyArray<{ path: string; message: string }>,
    code: DomainErrorCodeOf<'invalid_input'> = 'validation_failed',
  ) {
    super(code, message, { issues });
  }
}

/** The caller did too much too fast; `retryAfterSeconds` says when to come back. */
export class RateLimitedError extends DomainError {
  public readonly kind = 'too_many_requests';
  public readonly retryAfterSeconds: number;

  public constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency is temporarily unavailable (throttling, cancelled transaction): safe to retry. */
export class TemporarilyUnavailableError extends DomainError {
  public readonly kind = 'unavailable';

  public constructor(message = 'The service is busy, please retry', details?: Record<string, unknown>, options?: ErrorOptions) {
    super('temporarily_unavailable', message, details, options);
  }
}
