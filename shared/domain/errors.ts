/**
 * Domain errors: what went wrong in the partner's words, with a stable machine code.
 * They know nothing of HTTP; `shared/http/errorMapping.ts` is the one place that maps them.
 */

/** Base of every error the domain raises on purpose. */
export abstract class DomainError extends Error {
  /** Stable, documented code (snake_case) that clients may switch on. */
  public readonly code: string;
  /** Extra, safe-to-show facts about the failure. */
  public readonly details: Record<string, unknown> | undefined;

  public constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The thing does not exist, or belongs to another tenant (never say which). */
export class NotFoundError extends DomainError {
  public constructor(what: string, details?: Record<string, unknown>) {
    super('not_found', `${what} not found`, details);
  }
}

/** The request clashes with the current state (duplicate, already attached, concurrent change). */
export class ConflictError extends DomainError {}

/** A state machine refused the transition, e.g. approving an application that was rejected. */
export class InvalidTransitionError extends ConflictError {
  public constructor(entity: string, from: string, action: string) {
    super('invalid_transition', `Cannot ${action} a ${entity} in status '${from}'`, { from, action });
  }
}

/** The caller is known but is not the one who may do this (e.g. another cloud account's owner). */
export class NotPermittedError extends DomainError {}

/** Well-formed input that breaks a business rule (unknown cloud account, expired token...). */
export class RuleViolationError extends DomainError {}

/** Input that does not have the documented shape; `details.issues` lists what is wrong. */
export class ValidationError extends DomainError {
  public constructor(message: string, issues: ReadonlyArray<{ path: string; message: string }>) {
    super('validation_failed', message, { issues });
  }
}

/** The caller did too much too fast; `retryAfterSeconds` says when to come back. */
export class RateLimitedError extends DomainError {
  public readonly retryAfterSeconds: number;

  public constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency is temporarily unavailable (throttling, cancelled transaction): safe to retry. */
export class TemporarilyUnavailableError extends DomainError {
  public constructor(message = 'The service is busy, please retry', details?: Record<string, unknown>) {
    super('temporarily_unavailable', message, details);
  }
}
