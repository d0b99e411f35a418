import type { FailureLog } from '../ports/FailureLog';

/**
 * `FailureLog` on the one structured logger (the error's name, message and stack), loaded on the
 * first failure as the error responder loads it: a cold start does not set up the logger for nothing.
 */
export const loggedFailures: FailureLog = {
  async record(message, error, ids) {
    const { logger } = await import('./logger');
    logger.error(message, { ...ids, error: error as Error });
  },
};
