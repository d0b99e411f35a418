/**
 * Where an unexpected failure is written down for operators when the caller only learns that
 * something was temporarily unavailable (one client of a bulk operation, say).
 */
export interface FailureLog {
  /** Records `error` once with what it concerns: ids only, never tokens, e-mail addresses or bodies. */
  record(message: string, error: unknown, ids: Readonly<Record<string, string>>): Promise<void>;
}
