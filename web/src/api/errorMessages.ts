/**
 * The one mapping from the API's `error.code` to words a partner, manager or client understands,
 * in the page's language (the words live in the catalogues, `errors.<code>`). A `Problem` keeps
 * the code, so its words follow a language switch.
 */
import type { Catalogue } from '../i18n/catalogue';

/** A failed call: what a screen may act on; `problemWords` says it in words. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  /** Seconds the service asked to wait (`Retry-After` of a 429 or 503), if it said. */
  readonly retryAfter: number | null;
  /** Fields named by the issues of a `validation_failed` answer (`email`, `name`, `to`, ...). */
  readonly fields: readonly string[];
}

/** The codes the catalogues have words for. */
export type KnownCode = Exclude<keyof Catalogue['errors'], 'unknown'>;

interface ErrorBody {
  error?: { code?: unknown; details?: { issues?: unknown } };
}

/** Field name of a validation issue path such as `body.email` or `query.to`. */
function fieldOf(path: string): string {
  const parts = path.split('.');
  return parts.length > 1 ? parts.slice(1).join('.') : path;
}

/** Turns an error answer of the API into a `Problem`. */
export function describeProblem(status: number, body: unknown, retryAfter: string | null): Problem {
  const error = (body as ErrorBody | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const seconds = Number(retryAfter);
  const issues = Array.isArray(error?.details?.issues) ? (error.details.issues as Array<{ path?: unknown }>) : [];
  const fields = [...new Set(issues.flatMap((issue) => (typeof issue.path === 'string' ? [fieldOf(issue.path)] : [])))];
  return { status, code, retryAfter: (status === 429 || status === 503) && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null, fields };
}

/** True when the catalogues have words for `code`. */
export function isKnownCode(code: string, catalogue: Catalogue): code is KnownCode {
  return code !== 'unknown' && typeof (catalogue.errors as Record<string, unknown>)[code] === 'string';
}

/** The problem in one sentence of `catalogue`'s language; no wording of the API reaches a person. */
export function problemWords(problem: Problem, catalogue: Catalogue): string {
  return isKnownCode(problem.code, catalogue) ? catalogue.errors[problem.code] : catalogue.errors.unknown(problem.status);
}

/** The words for a field named by a validation answer (a generic sentence for a field the catalogue does not name). */
export function fieldWords(field: string, catalogue: Catalogue): string {
  const words = (catalogue.fields as Record<string, unknown>)[field];
  return typeof words === 'string' ? words : catalogue.fields.other;
}

/** A problem found in the browser before sending (e.g. fields to fill in). */
export function localProblem(code: KnownCode, fields: readonly string[] = []): Problem {
  return { status: 0, code, retryAfter: null, fields };
}

/** The problem shown when the service cannot be reached at all. */
export const UNREACHABLE: Problem = localProblem('unreachable');
