import { ConflictError } from './errors';

/**
 * Somebody else changed the record between our read and our conditional write (optimistic
 * concurrency). Use cases re-read and decide again; if it keeps happening the caller gets this conflict.
 */
export class ConcurrentChangeError extends ConflictError {
  public constructor(what: string) {
    super('concurrent_change', `The ${what} was changed by another request; please retry`);
  }
}

/** How many times a decision is re-made after a concurrent change. */
const ATTEMPTS = 6;

/**
 * Runs `decideAndWrite` (read → decide → conditional write) again after a `ConcurrentChangeError`,
 * with a short random back-off, so that a loser of a race answers from the winner's result.
 *
 * @example
 * await retryOnConcurrentChange(async () => {
 *   const client = await clients.get(partnerId, id);
 *   await clients.save(cancel(client));
 * });
 */
export async function retryOnConcurrentChange<T>(decideAndWrite: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await decideAndWrite();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
