import type { FailureLog } from '../ports/FailureLog';

/**
 * `FailureLog` on the one structured logger (the error's name, message and stack), loaded on the
 * first failure as the error responder loads it: a cold start does not set up the logger for nothing.
 * `requestId` (the API request the failure happened in) becomes the line's `correlation_id`, as on
 * a 5xx line, so the failure joins the API access log's line of the same request.
 */
export function loggedFailures(requestId?: string): FailureLog {
  return {
    async record(message, error, ids) {
      const { logger } = await import('./logger');
      logger.error(message, { ...ids, ...(requestId && { correlation_id: requestId }), error: error as Error });
    },
  };
}
