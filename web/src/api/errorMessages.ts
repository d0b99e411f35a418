/**
 * The one mapping from the API's `error.code` to words a partner, manager or client understands.
 * A code not listed here falls back to the API's own message.
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  validation_failed: 'Some fields need attention.',
  unauthorized: 'Your session has ended. Please sign in again.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'It no longer exists, or it is not yours to see.',
  route_not_found: 'This part of the service is not available.',
  method_not_allowed: 'This action is not available.',
  rate_limited: 'Too many requests.',
  temporarily_unavailable: 'The service is busy.',
  internal_error: 'Something went wrong on our side. Please try again in a moment.',
  payload_too_large: 'That is too much data for one request.',
  unsupported_media_type: 'The request was sent in a format the service does not accept.',
  idempotency_key_reused: 'This request was already sent with different data. Reload the page and try again.',
  request_in_progress: 'The same request is still being processed. Wait a moment and check again.',
  duplicate_submission: 'This form was already sent a moment ago.',
  email_already_partner: 'A partner with this e-mail already exists.',
  staff_login_exists: 'This e-mail already signs in to partnerdesk as a manager or a partner, so it cannot become a new partner\'s login. Ask the applicant for another address.',
  invalid_transition: 'This is not possible in the current state. Reload to see the latest state.',
  concurrent_change: 'Someone changed this at the same time. Reload and try again.',
  client_exists: 'You already have a client with this cloud account.',
  invitation_pending: 'You already invited this e-mail address and the invitation is still open. Resend that invitation instead.',
  unknown_account: 'No cloud account has this identifier.',
  client_not_active: 'Balances are shown only for clients who accepted the invitation (active or blocked).',
  currency_mismatch: 'The amounts are in different currencies.',
  invitation_closed: 'This invitation has already been answered or withdrawn.',
  invitation_expired: 'This invitation has expired. Ask the partner to send a new one.',
  invitation_superseded: 'A newer invitation was sent. Use the link in the latest e-mail.',
  wrong_account: 'This invitation is for another cloud account. Sign in with the account it was sent for.',
  account_served: 'Another partner already serves this cloud account. Ask that partner to detach it (or detach it yourself) first, then accept.',
  already_client: 'Your cloud account is already a client of this partner, or invited by it under another link.',
  unknown_user: 'The sign-in did not name a user. Please sign in again.',
  already_signed_up: 'There is already a cloud account with this e-mail. Sign in to it instead.',
  login_disabled: 'This login is disabled. A cloud account blocked by its partner cannot sign in.',
  unknown_login: 'No login with these details.',
  confirmation_invalid: 'The confirmation is not valid. Preview the operation again.',
  confirmation_mismatch: 'The confirmation belongs to another operation. Preview the operation again.',
  confirmation_expired: 'The confirmation expired (it is valid for 5 minutes). Preview the operation again.',
  confirmation_used: 'This operation was already confirmed.',
};

/** A failed call, in words: what the person reads, plus what a screen may act on. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  /** One sentence for the person. */
  readonly message: string;
  /** Field-level messages of a `validation_failed` answer, by field name (`email`, `name`, ...). */
  readonly fields: Readonly<Record<string, string>>;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: { issues?: unknown } };
}

/** Field name of a validation issue path such as `body.email`. */
function fieldOf(path: string): string {
  const parts = path.split('.');
  return parts.length > 1 ? parts.slice(1).join('.') : path;
}

/** Turns an error answer of the API into a `Problem` through the one code → words map. */
export function describeProblem(status: number, body: unknown, retryAfter: string | null): Problem {
  const error = (body as ErrorBody | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const apiMessage = typeof error?.message === 'string' ? error.message : `The service answered ${status}.`;
  let message = ERROR_MESSAGES[code] ?? apiMessage;
  if (status === 429 || status === 503) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds > 0) message = `${message} Please wait ${Math.ceil(seconds)} s and try again.`;
  }
  const issues = Array.isArray(error?.details?.issues) ? (error.details.issues as Array<{ path?: unknown; message?: unknown }>) : [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (typeof issue.path === 'string' && typeof issue.message === 'string') fields[fieldOf(issue.path)] ??= issue.message;
  }
  return { status, code, message, fields };
}

/** The problem shown when the service cannot be reached at all. */
export const UNREACHABLE: Problem = {
  status: 0,
  code: 'unreachable',
  message: 'The service cannot be reached. Check your connection and try again.',
  fields: {},
};
